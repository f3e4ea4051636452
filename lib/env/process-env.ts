const isCopy = Symbol("process.env copy");

/**
 * Replaces `process.env`, in this process, with a copy that JavaScript reads without calling into
 * Node's C++ environment accessors. The Inngest SDK enumerates the whole environment on every call
 * it serves and every event it sends (some ninety times per order), and enumerating the real
 * `process.env` costs about 30 µs with forty variables: 1.7 ms of CPU per order. The copy costs a
 * third of that. Assignments still become strings, as Node makes them; child processes get the
 * copy, as they would get `process.env`. Called once, at the server's start.
 */
export function copyProcessEnv(): void {
  if (isCopy in process.env) return;
  process.env = new Proxy<NodeJS.ProcessEnv>(
    { ...process.env },
    {
      has: (target, name) => name === isCopy || name in target,
      set: (target, name, value) => Reflect.set(target, name, String(value)),
      defineProperty: (target, name, descriptor) =>
        Reflect.defineProperty(target, name, { ...descriptor, value: String(descriptor.value) }),
    },
  );
}
