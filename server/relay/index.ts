export type { Relay, RelayListener, RelayMessage, RelayedUpdate } from './types.ts';
export { RedisRelay, CHANNEL_PREFIX, type RedisRelayOptions } from './redis.ts';
export {
  RoomRelay,
  REMOTE_AWARENESS_ORIGIN,
  DEFAULT_REPAIR_INTERVAL_MS,
  type RoomRelayOptions,
} from './rooms.ts';
export { decodeEnvelope, encodeEnvelope, RelayDecodeError, type Envelope } from './codec.ts';
