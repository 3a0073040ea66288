import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';
import * as m001 from './001-initial.ts';
import * as m002 from './002-hardening.ts';
import * as m003 from './003-attribution-tables.ts';
import * as m004 from './004-registry-tables.ts';
import * as m005 from './005-answer-provider-copy.ts';
import * as m006 from './006-role-grants-and-call-back.ts';
import * as m007 from './007-request-access.ts';
import * as m008 from './008-sign-in-attempts.ts';
import * as m009 from './009-demo-accounts.ts';
import * as m010 from './010-provider-category.ts';
import * as m011 from './011-request-links.ts';
import * as m012 from './012-audit-merkle-tree.ts';
import * as m013 from './013-installation-settings.ts';
import * as m014domains from './014-domain-registrations.ts';
import * as m016 from './016-owner-credentials.ts';
import * as m017 from './017-devices.ts';
import * as m020consultations from './020-consultations.ts';
import * as m020hearings from './020-hearings.ts';
import * as m021 from './021-overlap-retention-attachments.ts';
import * as m022 from './022-provider-sealed-answers.ts';
import * as m024 from './024-agent.ts';
import * as m026 from './026-board-post-log.ts';
import * as m027 from './027-cafe-records.ts';
import * as m028 from './028-law-offices.ts';
import * as m030 from './030-warrant-applications.ts';
import * as m031 from './031-court-keys-off-the-hub.ts';
import * as m031credentials from './031-credential-requests.ts';
import * as m032 from './032-duty-designations.ts';
import * as m033 from './033-mlat-events.ts';
import * as m034 from './034-line-use-and-post-targets.ts';
import * as m035 from './035-provider-sealed-attachments.ts';
import * as m036 from './036-disclosure-order-applications.ts';
import * as m037 from './037-agent-answer-files.ts';
import * as m038 from './038-directory-role-log.ts';
import * as m039 from './039-hearing-impossible.ts';
import * as m040 from './040-ancillary-orders.ts';
import * as m041 from './041-thread-notices.ts';
import * as m042 from './042-request-files-and-duty-revocations.ts';
import * as m043 from './043-preservation-extension-notices.ts';
import * as m045 from './045-disclosure-order-standing.ts';
import * as m046 from './046-resealed-boxes.ts';
import * as m048 from './048-request-file-mismatch-evidence.ts';
import * as m049 from './049-box-keys-and-reseal-declarations.ts';
import * as m050 from './050-networks-in-directory-log.ts';
import * as m051 from './051-order-set-aside-log.ts';
import * as m054 from './054-signed-network-declarations.ts';
import * as m055 from './055-objection-and-finality-signed.ts';
import * as m056 from './056-agent-requests-ended-at-hub.ts';
import * as m057 from './057-order-contest-log.ts';
import * as m058 from './058-request-withdrawal-signed.ts';
import * as m059 from './059-agent-requests-hub-signature.ts';
import * as m061 from './061-audit-search-indexes.ts';
import * as m062 from './062-user-enrolment.ts';
import * as m063 from './063-key-registrations.ts';
import * as m064 from './064-enrolment-issued-by.ts';
import * as m065 from './065-ancillary-lift-cause.ts';
import * as m067 from './067-attribution-reach.ts';
import * as m068 from './068-judges-in-directory-log.ts';
import * as m069 from './069-objection-notice-day.ts';
import * as m070 from './070-attribution-file-cover.ts';
import * as m071 from './071-objection-period-signed.ts';
import * as m072 from './072-provider-roles-in-directory-log.ts';
import * as m073 from './073-attribution-file-source.ts';
import * as m074 from './074-role-ends.ts';
import * as m075 from './075-second-factor-unlocks.ts';
import * as m076 from './076-registry-registration-date.ts';
import * as m077 from './077-attribution-nat-range-key.ts';
import * as m078 from './078-attribution-file-refused.ts';
import * as m079 from './079-attribution-hold-key.ts';
import * as m080 from './080-attribution-unstarted-read-to.ts';
import * as m081 from './081-case-unit.ts';
import * as m083 from './083-disclosure-order-hearings.ts';
import * as m084 from './084-clarification-asked-at.ts';
import * as m086 from './086-hearing-withdrawn.ts';
import * as m088 from './088-hearing-signed.ts';
import * as m090 from './090-attribution-nat-file-open.ts';
import * as m091 from './091-warrant-application-follows.ts';

/** One change of the schema, named after the change: `up` applies it, `down` takes it back. */
export interface Migration {
  name: string;
  up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void>;
  down<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit an applied one. */
export const MIGRATIONS: Migration[] = [
  { name: '001-initial', up: m001.up, down: m001.down },
  { name: '002-hardening', up: m002.up, down: m002.down },
  { name: '003-attribution-tables', up: m003.up, down: m003.down },
  { name: '004-registry-tables', up: m004.up, down: m004.down },
  { name: '005-answer-provider-copy', up: m005.up, down: m005.down },
  { name: '006-role-grants-and-call-back', up: m006.up, down: m006.down },
  { name: '007-request-access', up: m007.up, down: m007.down },
  { name: '008-sign-in-attempts', up: m008.up, down: m008.down },
  { name: '009-demo-accounts', up: m009.up, down: m009.down },
  { name: '010-provider-category', up: m010.up, down: m010.down },
  { name: '011-request-links', up: m011.up, down: m011.down },
  { name: '012-audit-merkle-tree', up: m012.up, down: m012.down },
  { name: '013-installation-settings', up: m013.up, down: m013.down },
  { name: '021-overlap-retention-attachments', up: m021.up, down: m021.down },
  { name: '016-owner-credentials', up: m016.up, down: m016.down },
  { name: '017-devices', up: m017.up, down: m017.down },
  { name: '020-consultations', up: m020consultations.up, down: m020consultations.down },
  { name: '014-domain-registrations', up: m014domains.up, down: m014domains.down },
  { name: '020-hearings', up: m020hearings.up, down: m020hearings.down },
  { name: '024-agent', up: m024.up, down: m024.down },
  { name: '032-duty-designations', up: m032.up, down: m032.down },
  { name: '022-provider-sealed-answers', up: m022.up, down: m022.down },
  { name: '030-warrant-applications', up: m030.up, down: m030.down },
  { name: '031-court-keys-off-the-hub', up: m031.up, down: m031.down },
  { name: '033-mlat-events', up: m033.up, down: m033.down },
  { name: '028-law-offices', up: m028.up, down: m028.down },
  { name: '026-board-post-log', up: m026.up, down: m026.down },
  { name: '027-cafe-records', up: m027.up, down: m027.down },
  { name: '031-credential-requests', up: m031credentials.up, down: m031credentials.down },
  { name: '034-line-use-and-post-targets', up: m034.up, down: m034.down },
  { name: '035-provider-sealed-attachments', up: m035.up, down: m035.down },
  { name: '036-disclosure-order-applications', up: m036.up, down: m036.down },
  { name: '037-agent-answer-files', up: m037.up, down: m037.down },
  { name: '038-directory-role-log', up: m038.up, down: m038.down },
  { name: '039-hearing-impossible', up: m039.up, down: m039.down },
  { name: '040-ancillary-orders', up: m040.up, down: m040.down },
  { name: '041-thread-notices', up: m041.up, down: m041.down },
  { name: '042-request-files-and-duty-revocations', up: m042.up, down: m042.down },
  { name: '043-preservation-extension-notices', up: m043.up, down: m043.down },
  { name: '046-resealed-boxes', up: m046.up, down: m046.down },
  { name: '045-disclosure-order-standing', up: m045.up, down: m045.down },
  { name: '048-request-file-mismatch-evidence', up: m048.up, down: m048.down },
  { name: '051-order-set-aside-log', up: m051.up, down: m051.down },
  { name: '049-box-keys-and-reseal-declarations', up: m049.up, down: m049.down },
  { name: '050-networks-in-directory-log', up: m050.up, down: m050.down },
  { name: '055-objection-and-finality-signed', up: m055.up, down: m055.down },
  { name: '056-agent-requests-ended-at-hub', up: m056.up, down: m056.down },
  { name: '054-signed-network-declarations', up: m054.up, down: m054.down },
  { name: '057-order-contest-log', up: m057.up, down: m057.down },
  { name: '058-request-withdrawal-signed', up: m058.up, down: m058.down },
  { name: '059-agent-requests-hub-signature', up: m059.up, down: m059.down },
  { name: '061-audit-search-indexes', up: m061.up, down: m061.down },
  { name: '062-user-enrolment', up: m062.up, down: m062.down },
  { name: '063-key-registrations', up: m063.up, down: m063.down },
  { name: '064-enrolment-issued-by', up: m064.up, down: m064.down },
  { name: '065-ancillary-lift-cause', up: m065.up, down: m065.down },
  { name: '067-attribution-reach', up: m067.up, down: m067.down },
  { name: '068-judges-in-directory-log', up: m068.up, down: m068.down },
  { name: '069-objection-notice-day', up: m069.up, down: m069.down },
  { name: '070-attribution-file-cover', up: m070.up, down: m070.down },
  { name: '071-objection-period-signed', up: m071.up, down: m071.down },
  { name: '072-provider-roles-in-directory-log', up: m072.up, down: m072.down },
  { name: '073-attribution-file-source', up: m073.up, down: m073.down },
  { name: '074-role-ends', up: m074.up, down: m074.down },
  { name: '075-second-factor-unlocks', up: m075.up, down: m075.down },
  { name: '076-registry-registration-date', up: m076.up, down: m076.down },
  { name: '077-attribution-nat-range-key', up: m077.up, down: m077.down },
  { name: '078-attribution-file-refused', up: m078.up, down: m078.down },
  { name: '079-attribution-hold-key', up: m079.up, down: m079.down },
  { name: '080-attribution-unstarted-read-to', up: m080.up, down: m080.down },
  { name: '081-case-unit', up: m081.up, down: m081.down },
  { name: '083-disclosure-order-hearings', up: m083.up, down: m083.down },
  { name: '084-clarification-asked-at', up: m084.up, down: m084.down },
  { name: '086-hearing-withdrawn', up: m086.up, down: m086.down },
  { name: '088-hearing-signed', up: m088.up, down: m088.down },
  { name: '090-attribution-nat-file-open', up: m090.up, down: m090.down },
  { name: '091-warrant-application-follows', up: m091.up, down: m091.down },
];
