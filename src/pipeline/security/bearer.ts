// The viewer behind a request's `Authorization: Bearer` header, verified once per request:
// the response cache needs it before the context exists, and the context needs it again.
import type { Viewer } from "../../graphql/context.ts";
import { verifyToken } from "./tokens.ts";

const verified = new WeakMap<Request, Promise<Viewer | null>>();

/** Null without an Authorization header; rejects when the header is not a valid bearer token. */
export function viewerOfRequest(request: Request): Promise<Viewer | null> {
  let viewer = verified.get(request);
  if (!viewer) {
    const header = request.headers.get("authorization");
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    viewer = !header
      ? Promise.resolve(null)
      : token
        ? verifyToken(token)
        : Promise.reject(new Error("not a bearer token"));
    viewer.catch(() => {}); // each caller handles the rejection; none is left unhandled
    verified.set(request, viewer);
  }
  return viewer;
}
