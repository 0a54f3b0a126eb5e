// An attribute definition as a SCIM Schema resource describes it (RFC 7643 §7): its type, whether it is
// multi-valued, required or case-exact, its mutability, when it is returned and how unique it is. One
// builder with the RFC's defaults, so each schema (./schemas.ts) states only what differs. Pure.

export interface SchemaAttribute {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: SchemaAttribute[];
}

/** A string attribute, optional, not case-exact, read-write, returned by default, not unique; `options` say otherwise. */
export function attribute(
  name: string,
  description: string,
  options: Partial<SchemaAttribute> = {},
): SchemaAttribute {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/** A complex attribute of `subAttributes`; multi-valued when `options` say so. */
export function complex(
  name: string,
  description: string,
  subAttributes: SchemaAttribute[],
  options: Partial<SchemaAttribute> = {},
): SchemaAttribute {
  return attribute(name, description, { type: 'complex', subAttributes, ...options });
}

/** The `type` and `primary` sub-attributes every multi-valued attribute here has. */
export function typeAndPrimary(kinds: string[]): SchemaAttribute[] {
  return [
    attribute('type', `A label: ${kinds.join(', ')} or another`, { canonicalValues: kinds }),
    attribute('primary', 'Whether this is the preferred entry', { type: 'boolean' }),
  ];
}
