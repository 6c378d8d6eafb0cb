/**
 * The attribute catalogue: every attribute name standard JIT understands, the record field it
 * fills and the kind of its value (spec §2.3, §2.4, §3.3, §4). Names are case-sensitive.
 *
 * `strict` marks attributes that decide *who* the user is or *what* they may do: several distinct
 * values for one of them are refused with the code given, instead of taking the first value
 * (see docs/jit-rules.md, "Multi-valued attributes").
 */
import type { JitCode } from '../errors/jit-table.js';
import type { ValueKind } from './values.js';

export interface FieldSpec {
  readonly field: string;
  readonly kind: ValueKind;
  readonly strict?: JitCode;
}

const text = <F extends string>(field: F) => ({ field, kind: 'text' }) as const;
const bool = <F extends string>(field: F) => ({ field, kind: 'boolean' }) as const;
const strictText = <F extends string, C extends JitCode>(field: F, strict: C) =>
  ({ field, kind: 'text', strict }) as const;

/** `User.*` standard fields (spec §2). Note the renamed lookups: Zip, CallCenter, Manager. */
export const USER_FIELDS = {
  'User.AboutMe': text('AboutMe'),
  'User.Alias': text('Alias'),
  'User.CallCenter': text('CallCenterId'),
  'User.City': text('City'),
  'User.CommunityNickname': text('CommunityNickname'),
  'User.CompanyName': text('CompanyName'),
  'User.Country': text('Country'),
  'User.DefaultCurrencyIsoCode': text('DefaultCurrencyIsoCode'),
  'User.DelegatedApproverId': text('DelegatedApproverId'),
  'User.Department': text('Department'),
  'User.Division': text('Division'),
  'User.Email': text('Email'),
  'User.EmailEncodingKey': text('EmailEncodingKey'),
  'User.EmployeeNumber': text('EmployeeNumber'),
  'User.Extension': text('Extension'),
  'User.Fax': text('Fax'),
  'User.FederationIdentifier': strictText('FederationIdentifier', 'MISMATCH_FEDERATION_ID'),
  'User.FirstName': text('FirstName'),
  'User.ForecastEnabled': bool('ForecastEnabled'),
  'User.IsActive': bool('IsActive'),
  'User.LanguageLocaleKey': text('LanguageLocaleKey'),
  'User.LastName': text('LastName'),
  'User.LocaleSidKey': text('LocaleSidKey'),
  'User.Manager': text('ManagerId'),
  'User.MobilePhone': text('MobilePhone'),
  'User.Phone': text('Phone'),
  'User.ProfileId': strictText('ProfileId', 'PROFILE_NAME_LOOKUP_ERROR'),
  'User.ReceivesAdminInfoEmails': bool('ReceivesAdminInfoEmails'),
  'User.ReceivesInfoEmails': bool('ReceivesInfoEmails'),
  'User.State': text('State'),
  'User.Street': text('Street'),
  'User.TimeZoneSidKey': text('TimeZoneSidKey'),
  'User.Title': text('Title'),
  'User.UserRoleId': strictText('UserRoleId', 'ROLE_NAME_LOOKUP_ERROR'),
  'User.Username': strictText('Username', 'MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS'),
  'User.Zip': text('PostalCode'),
} as const satisfies Record<`User.${string}`, FieldSpec>;

/** `Contact.*` fields (spec §3.3, the generated handler's list). */
export const CONTACT_FIELDS = {
  'Contact.AssistantName': text('AssistantName'),
  'Contact.AssistantPhone': text('AssistantPhone'),
  'Contact.Birthdate': { field: 'Birthdate', kind: 'date' },
  'Contact.Department': text('Department'),
  'Contact.Description': text('Description'),
  'Contact.DoNotCall': bool('DoNotCall'),
  'Contact.Email': strictText('Email', 'MULTIPLE_CONTACTS_FOUND'),
  'Contact.Fax': text('Fax'),
  'Contact.FirstName': text('FirstName'),
  'Contact.HasOptedOutOfEmail': bool('HasOptedOutOfEmail'),
  'Contact.HasOptedOutOfFax': bool('HasOptedOutOfFax'),
  'Contact.HomePhone': text('HomePhone'),
  'Contact.LastName': text('LastName'),
  'Contact.LeadSource': text('LeadSource'),
  'Contact.MailingCity': text('MailingCity'),
  'Contact.MailingCountry': text('MailingCountry'),
  'Contact.MailingPostalCode': text('MailingPostalCode'),
  'Contact.MailingState': text('MailingState'),
  'Contact.MailingStreet': text('MailingStreet'),
  'Contact.MobilePhone': text('MobilePhone'),
  'Contact.OtherCity': text('OtherCity'),
  'Contact.OtherCountry': text('OtherCountry'),
  'Contact.OtherPhone': text('OtherPhone'),
  'Contact.OtherPostalCode': text('OtherPostalCode'),
  'Contact.OtherState': text('OtherState'),
  'Contact.OtherStreet': text('OtherStreet'),
  'Contact.Phone': text('Phone'),
  'Contact.Salutation': text('Salutation'),
  'Contact.Title': text('Title'),
} as const satisfies Record<`Contact.${string}`, FieldSpec>;

/** `Account.*` fields (spec §3.3). */
export const ACCOUNT_FIELDS = {
  'Account.AccountNumber': strictText('AccountNumber', 'MULTIPLE_ACCOUNTS_FOUND'),
  'Account.AnnualRevenue': { field: 'AnnualRevenue', kind: 'decimal' },
  'Account.BillingCity': text('BillingCity'),
  'Account.BillingCountry': text('BillingCountry'),
  'Account.BillingPostalCode': text('BillingPostalCode'),
  'Account.BillingState': text('BillingState'),
  'Account.BillingStreet': text('BillingStreet'),
  'Account.Description': text('Description'),
  'Account.Fax': text('Fax'),
  'Account.Industry': text('Industry'),
  'Account.Name': text('Name'),
  'Account.NumberOfEmployees': { field: 'NumberOfEmployees', kind: 'integer' },
  'Account.Ownership': text('Ownership'),
  'Account.Phone': text('Phone'),
  'Account.Rating': text('Rating'),
  'Account.ShippingCity': text('ShippingCity'),
  'Account.ShippingCountry': text('ShippingCountry'),
  'Account.ShippingPostalCode': text('ShippingPostalCode'),
  'Account.ShippingState': text('ShippingState'),
  'Account.ShippingStreet': text('ShippingStreet'),
  'Account.Sic': text('Sic'),
  'Account.TickerSymbol': text('TickerSymbol'),
  'Account.Website': text('Website'),
} as const satisfies Record<`Account.${string}`, FieldSpec>;

/**
 * Links between records, by ID (or, for the portal role, by name). Site and portal rules read
 * them; standard (internal-user) JIT ignores them.
 */
export const LINK_FIELDS = {
  'User.Contact': strictText('userContact', 'INVALID_CONTACT'),
  'User.Account': strictText('userAccount', 'INVALID_ACCOUNT_ID'),
  'Contact.Account': strictText('contactAccount', 'INVALID_ACCOUNT_ID'),
  'Account.Owner': strictText('accountOwner', 'INVALID_ACCOUNT_OWNER'),
  'Contact.Owner': text('contactOwner'),
  'User.PortalRole': strictText('portalRole', 'ROLE_NAME_LOOKUP_ERROR'),
  'User.Role': strictText('role', 'ROLE_NAME_LOOKUP_ERROR'),
} as const satisfies Record<string, FieldSpec>;

/** The portal attributes (spec §4, [H-SITES]): not prefixed, lower-case/camel as documented. */
export const PORTAL_FIELDS = {
  portal_id: strictText('portalId', 'INVALID_ORG_ID'),
  organization_id: strictText('organizationId', 'INVALID_ORG_ID'),
  siteUrl: strictText('siteUrl', 'INVALID_ORG_ID'),
} as const satisfies Record<string, FieldSpec>;

/** The provisioning API version attribute; `1.0` is the only version (absent means `1.0`). */
export const PROVISION_VERSION_ATTRIBUTE = 'ProvisionVersion';
export const SUPPORTED_PROVISION_VERSION = '1.0';
