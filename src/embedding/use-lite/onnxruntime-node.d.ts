// onnxruntime-node 1.16 ships without its type declarations; its API is onnxruntime-common's, which
// it re-exports (lib/index.ts of the package).
declare module 'onnxruntime-node' {
  export * from 'onnxruntime-common';
}
