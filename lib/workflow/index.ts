// The embedded workflow engine (ARCHITECTURE §4 "Where the functions run"); see README.md here.
export { embeddedClientOptions, EMBEDDED_EVENT_KEY, type EventReceiver } from "./client-options";
export {
  appClientOptions,
  appServeOptions,
  embeddedSigningKey,
  embeddedServeUrl,
  startEmbeddedEngine,
} from "./embedded";
export { WorkflowEngine, type WorkflowEngineOptions } from "./engine";
export { registerInProcessServeHandler } from "./in-process";
export { receiveEvents } from "./intake";
export { workflowMode, type WorkflowMode } from "./mode";
export { engineState, type EngineState } from "./registry";
