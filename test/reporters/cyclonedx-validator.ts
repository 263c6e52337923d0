import { Spec, Validation } from "@cyclonedx/cyclonedx-library";

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

/**
 * Errors of a BOM against the official CycloneDX 1.6 JSON schema the library ships (strict: no
 * property the schema does not define); empty when it is valid.
 */
export async function bomSchemaErrors(json: string): Promise<string[]> {
  const errors = await validator.validate(json);
  if (errors === null) return [];
  return (Array.isArray(errors) ? errors : [errors]).map((e) => JSON.stringify(e));
}
