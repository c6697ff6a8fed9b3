// Prisma's schema engine compiled to WebAssembly (the native migrate engine cannot be
// downloaded on our machines). The package's main entry imports the .wasm file as an ES
// module, which Node 20 and vitest refuse without --experimental-wasm-modules, so we do
// by hand what that entry does: compile the sibling .wasm and wire it to its JS glue.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
export type EngineModule = typeof glue;

declare global {
  // The glue reports Rust panics through this global; without it a panic becomes a TypeError.
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

// Process-wide, not module-wide: vitest evaluates this file once per project in the same
// process while Node shares one copy of the glue, and wiring a second wasm instance into that
// glue corrupts the engines already running on the first (seen: a crash inside a panic hook).
interface EngineState {
  loading?: Promise<EngineModule>;
  loadMs?: number;
  lastPanic?: string;
}
const state: EngineState = ((globalThis as Record<symbol, EngineState>)[Symbol.for("batch-gateway.schema-engine")] ??=
  {});

async function load(): Promise<EngineModule> {
  const started = performance.now();
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      state.lastPanic = message;
    },
  };
  // The exports map does not expose the .wasm file: resolve the glue and take its sibling.
  // createRequire rather than import.meta.resolve, which vitest's module runner lacks.
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(join(dirname(gluePath), "schema_engine_bg.wasm"));
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  state.loadMs = performance.now() - started;
  return glue;
}

/** How long compiling and instantiating took, in milliseconds, once loaded. */
export function engineLoadMs(): number | undefined {
  return state.loadMs;
}

/** The message of the last Rust panic inside the engine, if any (panics surface as bare RuntimeErrors). */
export function lastEnginePanic(): string | undefined {
  return state.lastPanic;
}

/** Loads the engine once per process; later calls share it. */
export function loadSchemaEngine(): Promise<EngineModule> {
  state.loading ??= load().catch((error: unknown) => {
    state.loading = undefined;
    throw error;
  });
  return state.loading;
}
