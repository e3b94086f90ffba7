/** Turns texts into vectors. Implementations: the offline local model (default) and an OpenAI-compatible endpoint. */
export interface Embedder {
  /** Names the model in the index manifest, e.g. `local:universal-sentence-encoder-lite` or `openai:text-embedding-3-small`. */
  readonly modelId: string;
  /** Vector length; `null` until known (an OpenAI-compatible model tells on its first reply). */
  readonly dimensions: number | null;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}
