// The shape of the ids the hub gives (src/kernel/ids.ts: a readable prefix, then a random UUID). A path
// segment of another shape names nothing the API could find: the screens say so without asking it.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const REQUEST_ID = new RegExp(`^req_${UUID}$`);

/** Whether a path segment could be a request's id (`req_` and a UUID). */
export function isRequestId(segment: string): boolean {
  return REQUEST_ID.test(segment);
}
