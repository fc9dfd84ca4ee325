/**
 * History ⇄ JSON in the format `temporal workflow show --output json` writes (proto3 JSON: enum names, 64-bit
 * ids as strings, payloads in base64). `historyToJSON`/`historyFromJSON` of @temporalio/common 1.24 do the same
 * but fail in this install with "type must be a Type": npm placed protobufjs 7 at the root (for
 * @grpc/proto-loader) and a copy of protobufjs 8 under each @temporalio package, and protojson checks
 * `instanceof Type` against its own copy. `Worker.runReplayHistory` calls historyFromJSON for a JSON history,
 * so it is handed the decoded History. Here protojson comes from the copy that built @temporalio/proto's types;
 * with one protobufjs 8 installed the SDK's functions give the same result.
 */
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import type { History } from '@temporalio/common/lib/proto-utils';

type ProtoJson = { toJson(type: unknown, message: unknown): unknown; fromJson(type: unknown, json: unknown, options?: object): unknown };
const protojson: ProtoJson = require(require.resolve('protobufjs/ext/protojson', { paths: [path.dirname(require.resolve('@temporalio/proto'))] }));
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): string {
  return JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2);
}

/** Unknown fields (a newer server's) are skipped, as the SDK's historyFromJSON does. */
export function historyFromJson(json: string): History {
  return protojson.fromJson(historyType, JSON.parse(json), { ignoreUnknownFields: true }) as History;
}
