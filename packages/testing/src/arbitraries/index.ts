/** fast-check arbitraries for the core's types, aligned with what the stores must keep. */
export {
  accountRecordArb,
  contactRecordArb,
  customFieldNameArb,
  fieldValueArb,
  organizationArb,
  recordArb,
  userRecordArb,
} from './records.js';
export { directorySnapshotArb, writePlanArb } from './snapshot.js';
export { assertionIdArb, outstandingRequestArb, replayWindowArb, sessionArb } from './stores.js';
export {
  connectionNameArb,
  instantArb,
  isXmlCodePoint,
  recordIdArb,
  tokenArb,
  xmlCharArb,
  xmlTextArb,
} from './text.js';
