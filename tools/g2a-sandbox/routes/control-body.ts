import { readControlJson } from "../../sandbox-kit/control-body";
import { controlError, type Refusal } from "../../sandbox-kit/http-io";
import { isRecord } from "../../sandbox-kit/json";
import type { SandboxRequest } from "../context";

/** A control body: a JSON object, or {} when there is none. */
export async function readControlObject(
  request: SandboxRequest,
): Promise<{ ok: true; value: Record<string, unknown> } | Refusal> {
  const body = await readControlJson(request.readBody);
  if (!body.ok) return body;
  if (body.value === undefined) return { ok: true, value: {} };
  if (!isRecord(body.value)) return { ok: false, reply: controlError(400, "The body must be a JSON object") };
  return { ok: true, value: body.value };
}

/** The first key of the body that is not among the known ones, as a refusal. */
export function refuseUnknownKeys(body: Record<string, unknown>, known: readonly string[]): Refusal | null {
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  return unknown === undefined ? null : { ok: false, reply: controlError(400, `${unknown} is not a known field`) };
}
