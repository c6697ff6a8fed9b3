-- AlterTable
ALTER TABLE "idempotent_request" ADD COLUMN     "leased_until" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "idempotent_outcome" (
    "request_id" UUID NOT NULL,
    "response_key" TEXT NOT NULL,
    "outcome" JSONB NOT NULL,

    CONSTRAINT "idempotent_outcome_pkey" PRIMARY KEY ("request_id","response_key")
);

-- AddForeignKey
ALTER TABLE "idempotent_outcome" ADD CONSTRAINT "idempotent_outcome_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "idempotent_request"("request_id") ON DELETE CASCADE ON UPDATE CASCADE;
