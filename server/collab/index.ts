export {
  CollabService,
  type Admission,
  type CollabAccess,
  type CollabServiceOptions,
  type CollabStats,
} from './service.ts';
export { ProtocolError, BriefNotFoundError } from './errors.ts';
export { decodeClientMessage, type ClientMessage } from './messages.ts';
