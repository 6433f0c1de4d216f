import type { Kysely } from "kysely";
import type { Tx } from "../../ports/store.js";
import type { DB } from "./schema.js";
import { KyselyAuditRepo, type HeadCache } from "./repos/audit.js";
import { KyselyCertificateRepo } from "./repos/certificates.js";
import { KyselyCheckpointRepo } from "./repos/checkpoints.js";
import { KyselyCredentialRepo } from "./repos/credentials.js";
import { KyselyDeliveryRepo } from "./repos/deliveries.js";
import { KyselyDocumentRepo } from "./repos/documents.js";
import { KyselyInboxRepo } from "./repos/inbox.js";
import { KyselyNotificationRepo } from "./repos/notifications.js";
import { KyselyPartyRepo } from "./repos/parties.js";
import { KyselyResponseRepo } from "./repos/responses.js";
import { KyselySubmissionRepo } from "./repos/submissions.js";
import { KyselyComplaintRepo } from "./repos/complaints.js";
import { KyselyCreditRepo } from "./repos/credit.js";
import { KyselyHoldRepo } from "./repos/holds.js";
import { KyselyMandateRepo } from "./repos/mandates.js";
import { KyselyMeasureRepo } from "./repos/measures.js";
import { KyselyRiskStatsRepo } from "./repos/risk-stats.js";
import { KyselyRiskWarningRepo } from "./repos/risk-warnings.js";
import { KyselyStatsRepo } from "./repos/stats.js";
import { KyselyTermRepo } from "./repos/terms.js";
import { KyselyVerificationRepo } from "./repos/verification-steps.js";
import { KyselyTraceRepo } from "./repos/trace.js";

/** Binds every repository to one connection or transaction. */
export function bindTx(db: Kysely<DB>, dialect: "sqlite" | "postgres", heads?: HeadCache): Tx {
  return {
    parties: new KyselyPartyRepo(db),
    credentials: new KyselyCredentialRepo(db),
    submissions: new KyselySubmissionRepo(db, dialect),
    documents: new KyselyDocumentRepo(db, dialect),
    deliveries: new KyselyDeliveryRepo(db, dialect),
    audit: new KyselyAuditRepo(db, dialect, heads),
    checkpoints: new KyselyCheckpointRepo(db),
    inbox: new KyselyInboxRepo(db),
    responses: new KyselyResponseRepo(db),
    notifications: new KyselyNotificationRepo(db, dialect),
    certificates: new KyselyCertificateRepo(db),
    trace: new KyselyTraceRepo(db),
    mandates: new KyselyMandateRepo(db),
    measures: new KyselyMeasureRepo(db),
    verifications: new KyselyVerificationRepo(db),
    riskWarnings: new KyselyRiskWarningRepo(db),
    riskStats: new KyselyRiskStatsRepo(db),
    complaints: new KyselyComplaintRepo(db),
    credit: new KyselyCreditRepo(db),
    terms: new KyselyTermRepo(db),
    holds: new KyselyHoldRepo(db),
    stats: new KyselyStatsRepo(db),
  };
}
