/** Where the Keras model config came from. */
export type KerasSource = "keras-v3" | "keras-h5" | "keras-savedmodel";

export interface KerasModel {
  source: KerasSource;
  /** Top-level class (Sequential, Functional, a custom Model subclass). */
  className?: string;
  kerasVersion?: string;
  backend?: string;
  layerCount: number;
}

/** Embedded Python bytecode (marshal), shown as a bounded excerpt; never executed or unmarshalled. */
export interface CodeExcerpt {
  encoding: "marshal-base64";
  byteLength: number;
  /** Hex of the first MAX_CODE_EXCERPT_BYTES bytes. */
  hex: string;
  /** Names and constants found in the bytecode's string objects (co_names, co_consts), bounded. */
  strings: string[];
}

/** A Lambda-like layer: one that carries or names a Python function to call. */
export interface KerasLambda {
  layer: string;
  className: string;
  /** JSON pointer of the layer object in its config. */
  pointer: string;
  source: KerasSource;
  code?: CodeExcerpt;
  /** `module.name` of a referenced function (Keras 2 `function_type: function`, Keras 3 function refs). */
  functionRef?: string;
}

/** A class or function the loader imports by name from the config (`module` + `class_name`/`config`). */
export interface KerasReference {
  /** Dotted name, e.g. `keras.layers.Dense`, `os.system`. */
  ref: string;
  module: string;
  name: string;
  kind: "class" | "function";
  registeredName?: string;
  /** Name of the enclosing layer, when inside one. */
  layer?: string;
  pointer: string;
  source: KerasSource;
  /** How many times the config names it. */
  count: number;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "keras.model": KerasModel;
    "keras.lambda": KerasLambda;
    "keras.reference": KerasReference;
  }
}
