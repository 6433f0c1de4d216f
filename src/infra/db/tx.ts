import type { Kysely } from "kysely";
import type { Tx } from "../../ports/store.js";
import type { DB } from "./schema.js";
import { KyselyAuditRepo, type HeadCache } from "./repos/audit.js";
import { KyselyCheckpointRepo } from "./repos/checkpoints.js";
import { KyselyCredentialRepo } from "./repos/credentials.js";
import { KyselyDeliveryRepo } from "./repos/deliveries.js";
import { KyselyDocumentRepo } from "./repos/documents.js";
import { KyselyInboxRepo } from "./repos/inbox.js";
import { KyselyPartyRepo } from "./repos/parties.js";
import { KyselyResponseRepo } from "./repos/responses.js";
import { KyselySubmissionRepo } from "./repos/submissions.js";

/** Binds every repository to one connection or transaction. */
export function bindTx(db: Kysely<DB>, dialect: "sqlite" | "postgres", heads?: HeadCache): Tx {
  return {
    parties: new KyselyPartyRepo(db),
    credentials: new KyselyCredentialRepo(db),
    submissions: new KyselySubmissionRepo(db),
    documents: new KyselyDocumentRepo(db),
    deliveries: new KyselyDeliveryRepo(db, dialect),
    audit: new KyselyAuditRepo(db, dialect, heads),
    checkpoints: new KyselyCheckpointRepo(db),
    inbox: new KyselyInboxRepo(db),
    responses: new KyselyResponseRepo(db),
  };
}
