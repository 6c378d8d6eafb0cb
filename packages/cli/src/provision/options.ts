/** The options `provision` adds to the validation options it shares with `verify`. */
import type { OptionSpec } from '../args.js';

export const PROVISION_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'jit-config',
    kind: 'value',
    metavar: 'FILE',
    help: 'the JIT setting (SamlSsoConfig names: identityMapping, identityLocation, attributeName, userProvisioning, errorUrl)',
  },
  {
    name: 'directory',
    kind: 'value',
    metavar: 'FILE',
    help: "the org's records by sObject (Organization, Profile, UserRole, User, Contact, Account, Network, Portal, CustomField)",
  },
  {
    name: 'site',
    kind: 'value',
    metavar: 'ID',
    help: 'the login came through this Experience Cloud site (a Network Id of the directory)',
  },
];
