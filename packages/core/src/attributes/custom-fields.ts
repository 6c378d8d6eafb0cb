/**
 * Custom fields (`User.Badge__c`, `Contact.Tier__c`…): accepted only when the directory declares
 * them (`CustomField` rows), and typed by their declared `Type`. Type names match exactly.
 */
import type { CustomFieldDef } from '../model/records.js';
import type { ValueKind } from './values.js';

/** Every custom field type standard JIT writes, and how its value is decoded. */
export const SUPPORTED_CUSTOM_FIELD_TYPES = {
  Text: 'text',
  TextArea: 'text',
  Email: 'text',
  Phone: 'text',
  Url: 'text',
  Picklist: 'text',
  Number: 'decimal',
  Currency: 'decimal',
  Percent: 'decimal',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
} as const satisfies Record<string, ValueKind>;

export type SupportedCustomFieldType = keyof typeof SUPPORTED_CUSTOM_FIELD_TYPES;

/** What a custom attribute name resolves to against the declared fields. */
export type CustomFieldResolution =
  | { readonly _tag: 'undeclared' }
  | { readonly _tag: 'unsupported'; readonly type: string }
  | { readonly _tag: 'supported'; readonly type: SupportedCustomFieldType; readonly kind: ValueKind };

/** True for an API name of a custom field: ends in `__c` and has a name before it. */
export const isCustomFieldName = (name: string): boolean => name.length > 3 && name.endsWith('__c');

const isSupported = (type: string): type is SupportedCustomFieldType =>
  Object.hasOwn(SUPPORTED_CUSTOM_FIELD_TYPES, type);

/**
 * Looks up `object`.`name` among the declared fields.
 * @example
 * resolveCustomField([{ Object: 'User', Name: 'Badge__c', Type: 'Text' }], 'User', 'Badge__c')
 * // { _tag: 'supported', type: 'Text', kind: 'text' }
 */
export const resolveCustomField = (
  declared: readonly CustomFieldDef[],
  object: string,
  name: string,
): CustomFieldResolution => {
  const def = declared.find((d) => d.Object === object && d.Name === name);
  if (def === undefined) return { _tag: 'undeclared' };
  if (!isSupported(def.Type)) return { _tag: 'unsupported', type: def.Type };
  return { _tag: 'supported', type: def.Type, kind: SUPPORTED_CUSTOM_FIELD_TYPES[def.Type] };
};
