/**
 * Defaults JIT gives a new user when the assertion does not say (spec §2.5): the alias, the
 * community nickname and the organization's locale settings. Lengths count code points, so a
 * default never splits a character in two.
 */
import type { Organization } from '../model/records.js';

const codePoints = (s: string): string[] => Array.from(s);

/** Salesforce's `Alias` limit for derived aliases: 5 characters (the generated handler's rule). */
export const DEFAULT_ALIAS_LENGTH = 5;
/** Salesforce's `CommunityNickname` maximum length. */
export const COMMUNITY_NICKNAME_MAX_LENGTH = 40;

/**
 * First initial + last name, or the last name alone without a first name, cut to 5 characters.
 * @example
 * defaultAlias('Ada', 'Lovelace') // 'ALove'
 * defaultAlias(null, 'Lovelace') // 'Lovel'
 */
export const defaultAlias = (firstName: string | null | undefined, lastName: string): string => {
  const initial = firstName === null || firstName === undefined ? '' : (codePoints(firstName)[0] ?? '');
  return codePoints(initial + lastName)
    .slice(0, DEFAULT_ALIAS_LENGTH)
    .join('');
};

/**
 * The part of the username before its last `@` (the whole username when that part is empty or
 * there is no `@`), cut to 40 characters. The rest of the username (the domain) is left out
 * because the nickname is shown to other users in place of the username.
 * @example
 * defaultCommunityNickname('ada.lovelace@example.com') // 'ada.lovelace'
 */
export const defaultCommunityNickname = (username: string): string => {
  const at = username.lastIndexOf('@');
  const local = at <= 0 ? username : username.slice(0, at);
  return codePoints(local).slice(0, COMMUNITY_NICKNAME_MAX_LENGTH).join('');
};

/** The locale fields a new user takes from the organization, by User field name. */
export const organizationDefaults = (org: Organization) =>
  ({
    LocaleSidKey: org.DefaultLocaleSidKey,
    TimeZoneSidKey: org.TimeZoneSidKey,
    LanguageLocaleKey: org.LanguageLocaleKey,
    EmailEncodingKey: org.EmailEncodingKey,
    DefaultCurrencyIsoCode: org.DefaultCurrencyIsoCode,
  }) as const;
