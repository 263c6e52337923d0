/** A credential or personal datum found in a text file. Only the masked form is ever stored. */
export interface SecretMatch {
  kind: string;
  /** The secret with everything but a public prefix masked: `hf_********… (37 chars)`. */
  masked: string;
  line: number;
  column: number;
  /** Personal data (e-mail, phone) rather than a credential. */
  personal: boolean;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "secrets.match": SecretMatch;
  }
}
