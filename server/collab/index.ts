export {
  CollabService,
  type Admission,
  type CollabAccess,
  type CollabHooks,
  type CollabServiceOptions,
  type CollabStats,
} from './service.ts';
export { ProtocolError, BriefNotFoundError } from './errors.ts';
export { decodeClientMessage, type ClientMessage } from './messages.ts';
export { Room } from './room.ts';
export { Connection, type ConnectionUser } from './connection.ts';
export { ServerOrigin, type UpdateOrigin } from './commitQueue.ts';
