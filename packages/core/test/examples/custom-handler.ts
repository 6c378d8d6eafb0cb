/**
 * A custom JIT handler for an IdP that speaks its own attribute names (`mail`, `givenName`, `sn`,
 * `groups`, `companyNumber`) instead of Salesforce's `User.*` ones:
 * - the profile follows group membership (`support` → "Support Agent", else "Standard User");
 * - a login through an Experience Cloud site also gets a contact, on the account whose
 *   number is `companyNumber`; an unknown company refuses the login with error 18;
 * - a missing `mail` or `sn` refuses the login with error 5 and a readable ErrorDetails.
 */
import {
  type HandlerAttributes,
  type HandlerCreateResult,
  type HandlerServices,
  JitException,
  type SamlJitHandler,
} from '../../src/index.js';

const required = (attributes: HandlerAttributes, name: string): string => {
  const value = attributes.get(name);
  if (value === undefined || value.trim() === '') throw new JitException(`Missing ${name}`);
  return value;
};

const profileFor = async (attributes: HandlerAttributes, services: HandlerServices): Promise<string> => {
  const name = attributes.getAll('groups').includes('support') ? 'Support Agent' : 'Standard User';
  const [profile, ...others] = await services.find('Profile', 'Name', name);
  if (profile === undefined || others.length > 0)
    throw new JitException(`No unique profile ${name}`, { code: 'PROFILE_NAME_LOOKUP_ERROR' });
  return profile.Id;
};

const userFields = async (attributes: HandlerAttributes, services: HandlerServices) => ({
  Email: required(attributes, 'mail'),
  FirstName: attributes.get('givenName') ?? null,
  LastName: required(attributes, 'sn'),
  ProfileId: await profileFor(attributes, services),
});

export const acmeHandler: SamlJitHandler = {
  async createUser(_ssoProviderId, communityId, _portalId, federationId, attributes, _assertion, services) {
    const user = { ...(await userFields(attributes, services)), Username: `${federationId}@acme.example` };
    if (communityId === null) return { user };
    // A site login: the user's contact, on the account the company number names.
    const [account, ...others] = await services.find(
      'Account',
      'AccountNumber',
      required(attributes, 'companyNumber'),
    );
    if (account === undefined || others.length > 0)
      throw new JitException('Could not find account', { code: 'INVALID_ACCOUNT_ID' });
    const contactId = services.newId('Contact');
    const result: HandlerCreateResult = {
      user: { ...user, ContactId: contactId },
      writes: [
        {
          op: 'insert',
          sobject: 'Contact',
          record: { Id: contactId, AccountId: account.Id, Email: user.Email, LastName: user.LastName },
        },
      ],
    };
    return result;
  },

  async updateUser(
    _userId,
    _ssoProviderId,
    _communityId,
    _portalId,
    _federationId,
    attributes,
    _assertion,
    services,
  ) {
    return { user: await userFields(attributes, services) };
  },
};
