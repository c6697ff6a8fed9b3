-- CreateEnum
CREATE TYPE "status_category" AS ENUM ('PENDING', 'IN_PROGRESS', 'VERIFYING', 'COMPLETE', 'CANCELLED', 'BLOCKED');

-- CreateEnum
CREATE TYPE "relation_direction" AS ENUM ('INWARD', 'OUTWARD');

-- CreateEnum
CREATE TYPE "letter_status" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED', 'PRINTED', 'ENCLOSED', 'CANCELLED', 'DISPATCHED', 'FAILED', 'RETURNED', 'DESTROYED', 'FORWARDED', 'DELIVERED');

-- CreateEnum
CREATE TYPE "process_state" AS ENUM ('PENDING', 'SUCCESS', 'FAILURE', 'TIMEOUT');

-- CreateEnum
CREATE TYPE "message_status" AS ENUM ('SCHEDULED', 'ENQUEUED', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "message_encoding" AS ENUM ('GSM7', 'UCS2');

-- CreateEnum
CREATE TYPE "provisioning_batch_type" AS ENUM ('SINGLE', 'MULTI');

-- CreateEnum
CREATE TYPE "provisioning_batch_status" AS ENUM ('INITIALISING', 'PROCESSING', 'COMPLETED', 'PARTIALLY_COMPLETED');

-- CreateEnum
CREATE TYPE "provisioning_request_status" AS ENUM ('APPROVED', 'REJECTED', 'FAILED', 'PROCESSING', 'COMPLETED', 'CANCELED');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('CREATED', 'EXECUTING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "provisioning_event_type" AS ENUM ('BATCH_COMPLETED', 'BATCH_PARTIALLY_COMPLETED', 'ORDER_COMPLETED', 'ORDER_FAILED');

-- CreateTable
CREATE TABLE "location" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "location_type" TEXT NOT NULL DEFAULT 'warehouse',
    "formatted_address" TEXT,
    "address" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "allowed_statuses" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "start_date" TIMESTAMPTZ(3),
    "end_date" TIMESTAMPTZ(3),
    "allowed_statuses" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "program_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "start_date" TIMESTAMPTZ(3),
    "end_date" TIMESTAMPTZ(3),
    "allowed_statuses" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_order" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "work_order_type" TEXT NOT NULL DEFAULT 'device',
    "workflow" TEXT,
    "begin_date" TIMESTAMPTZ(3),
    "due_date" TIMESTAMPTZ(3),
    "start_date" TIMESTAMPTZ(3),
    "end_date" TIMESTAMPTZ(3),
    "project_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'm',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "location_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "order" TEXT NOT NULL DEFAULT 'm',
    "number_cycles" INTEGER NOT NULL,
    "status_label" TEXT NOT NULL DEFAULT 'Pending',
    "status_category" "status_category" NOT NULL DEFAULT 'PENDING',
    "status_description" TEXT,
    "status_order" INTEGER NOT NULL DEFAULT 0,
    "due_date" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "queue_id" INTEGER NOT NULL,
    "work_order_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cycle" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status_label" TEXT NOT NULL DEFAULT 'Pending',
    "status_category" "status_category" NOT NULL DEFAULT 'PENDING',
    "status_description" TEXT,
    "status_order" INTEGER NOT NULL DEFAULT 0,
    "is_retry" BOOLEAN NOT NULL DEFAULT false,
    "batch_id" INTEGER NOT NULL,
    "work_order_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "assigned_user_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_tech" (
    "batch_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_tech_pkey" PRIMARY KEY ("batch_id","user_id")
);

-- CreateTable
CREATE TABLE "batch_relation" (
    "id" SERIAL NOT NULL,
    "batch_id" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "direction" "relation_direction" NOT NULL DEFAULT 'OUTWARD',
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "letter_batch" (
    "id" SERIAL NOT NULL,
    "specification_id" TEXT NOT NULL,
    "group_id" TEXT,
    "status" "letter_status" NOT NULL DEFAULT 'PENDING',
    "reason_code" TEXT,
    "reason_text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "letter_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "letter" (
    "id" SERIAL NOT NULL,
    "batch_id" INTEGER NOT NULL,
    "status" "letter_status" NOT NULL DEFAULT 'PENDING',
    "reason_code" TEXT,
    "reason_text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "letter_status_change" (
    "id" SERIAL NOT NULL,
    "letter_id" INTEGER NOT NULL,
    "status" "letter_status" NOT NULL,
    "reason_code" TEXT,
    "reason_text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "letter_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotent_request" (
    "request_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotent_request_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "process_status" (
    "id" SERIAL NOT NULL,
    "entity_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "description" TEXT,
    "status" "process_state" NOT NULL DEFAULT 'PENDING',
    "error_message" TEXT,
    "deadline_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "process_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message" (
    "id" SERIAL NOT NULL,
    "recipient" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "encoding" "message_encoding" NOT NULL DEFAULT 'GSM7',
    "parts" INTEGER NOT NULL DEFAULT 1,
    "status" "message_status" NOT NULL DEFAULT 'SCHEDULED',
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_batch" (
    "id" SERIAL NOT NULL,
    "type" "provisioning_batch_type" NOT NULL DEFAULT 'SINGLE',
    "status" "provisioning_batch_status" NOT NULL DEFAULT 'INITIALISING',
    "process_status_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "provisioning_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_request" (
    "id" SERIAL NOT NULL,
    "batch_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "request_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "body" JSONB,
    "iccid" TEXT,
    "status" "provisioning_request_status" NOT NULL DEFAULT 'APPROVED',
    "info" TEXT,
    "order_id" INTEGER,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provisioning_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription" (
    "id" SERIAL NOT NULL,
    "msisdn" TEXT NOT NULL,
    "iccid" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'ACTIVE',
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "services" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_order" (
    "id" SERIAL NOT NULL,
    "subscription_id" INTEGER,
    "operation" TEXT NOT NULL,
    "status" "order_status" NOT NULL DEFAULT 'CREATED',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "provisioning_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_event" (
    "id" SERIAL NOT NULL,
    "type" "provisioning_event_type" NOT NULL,
    "batch_id" INTEGER NOT NULL,
    "request_id" INTEGER,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provisioning_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "location_created_at_id_idx" ON "location"("created_at", "id");

-- CreateIndex
CREATE INDEX "customer_created_at_id_idx" ON "customer"("created_at", "id");

-- CreateIndex
CREATE INDEX "program_customer_id_idx" ON "program"("customer_id");

-- CreateIndex
CREATE INDEX "program_created_at_id_idx" ON "program"("created_at", "id");

-- CreateIndex
CREATE INDEX "project_program_id_idx" ON "project"("program_id");

-- CreateIndex
CREATE INDEX "project_customer_id_idx" ON "project"("customer_id");

-- CreateIndex
CREATE INDEX "project_created_at_id_idx" ON "project"("created_at", "id");

-- CreateIndex
CREATE INDEX "work_order_project_id_idx" ON "work_order"("project_id");

-- CreateIndex
CREATE INDEX "work_order_location_id_idx" ON "work_order"("location_id");

-- CreateIndex
CREATE INDEX "work_order_due_date_id_idx" ON "work_order"("due_date", "id");

-- CreateIndex
CREATE INDEX "work_order_created_at_id_idx" ON "work_order"("created_at", "id");

-- CreateIndex
CREATE INDEX "queue_location_id_idx" ON "queue"("location_id");

-- CreateIndex
CREATE INDEX "queue_created_at_id_idx" ON "queue"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_created_at_id_idx" ON "app_user"("created_at", "id");

-- CreateIndex
CREATE INDEX "batch_queue_id_id_idx" ON "batch"("queue_id", "id");

-- CreateIndex
CREATE INDEX "batch_work_order_id_id_idx" ON "batch"("work_order_id", "id");

-- CreateIndex
CREATE INDEX "batch_location_id_idx" ON "batch"("location_id");

-- CreateIndex
CREATE INDEX "batch_status_category_idx" ON "batch"("status_category");

-- CreateIndex
CREATE INDEX "batch_created_at_id_idx" ON "batch"("created_at", "id");

-- CreateIndex
CREATE INDEX "batch_updated_at_id_idx" ON "batch"("updated_at", "id");

-- CreateIndex
CREATE INDEX "batch_due_date_id_idx" ON "batch"("due_date", "id");

-- CreateIndex
CREATE INDEX "batch_label_id_idx" ON "batch"("label", "id");

-- CreateIndex
CREATE INDEX "cycle_batch_id_id_idx" ON "cycle"("batch_id", "id");

-- CreateIndex
CREATE INDEX "cycle_batch_id_status_category_idx" ON "cycle"("batch_id", "status_category");

-- CreateIndex
CREATE INDEX "cycle_work_order_id_idx" ON "cycle"("work_order_id");

-- CreateIndex
CREATE INDEX "cycle_location_id_idx" ON "cycle"("location_id");

-- CreateIndex
CREATE INDEX "cycle_assigned_user_id_idx" ON "cycle"("assigned_user_id");

-- CreateIndex
CREATE INDEX "cycle_created_at_id_idx" ON "cycle"("created_at", "id");

-- CreateIndex
CREATE INDEX "batch_tech_user_id_idx" ON "batch_tech"("user_id");

-- CreateIndex
CREATE INDEX "batch_relation_batch_id_id_idx" ON "batch_relation"("batch_id", "id");

-- CreateIndex
CREATE INDEX "batch_relation_entity_type_entity_id_idx" ON "batch_relation"("entity_type", "entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "batch_relation_batch_id_relation_entity_type_entity_id_key" ON "batch_relation"("batch_id", "relation", "entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "letter_batch_status_created_at_id_idx" ON "letter_batch"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "letter_batch_created_at_id_idx" ON "letter_batch"("created_at", "id");

-- CreateIndex
CREATE INDEX "letter_batch_id_id_idx" ON "letter"("batch_id", "id");

-- CreateIndex
CREATE INDEX "letter_created_at_id_idx" ON "letter"("created_at", "id");

-- CreateIndex
CREATE INDEX "letter_status_change_letter_id_created_at_id_idx" ON "letter_status_change"("letter_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "idempotent_request_created_at_idx" ON "idempotent_request"("created_at");

-- CreateIndex
CREATE INDEX "process_status_entity_id_event_type_created_at_id_idx" ON "process_status"("entity_id", "event_type", "created_at", "id");

-- CreateIndex
CREATE INDEX "process_status_status_deadline_at_idx" ON "process_status"("status", "deadline_at");

-- CreateIndex
CREATE INDEX "process_status_completed_at_idx" ON "process_status"("completed_at");

-- CreateIndex
CREATE INDEX "process_status_created_at_id_idx" ON "process_status"("created_at", "id");

-- CreateIndex
CREATE INDEX "message_status_scheduled_at_idx" ON "message"("status", "scheduled_at");

-- CreateIndex
CREATE INDEX "message_scheduled_at_id_idx" ON "message"("scheduled_at", "id");

-- CreateIndex
CREATE INDEX "message_created_at_id_idx" ON "message"("created_at", "id");

-- CreateIndex
CREATE INDEX "provisioning_batch_status_idx" ON "provisioning_batch"("status");

-- CreateIndex
CREATE INDEX "provisioning_batch_process_status_id_idx" ON "provisioning_batch"("process_status_id");

-- CreateIndex
CREATE INDEX "provisioning_batch_created_at_id_idx" ON "provisioning_batch"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "provisioning_request_order_id_key" ON "provisioning_request"("order_id");

-- CreateIndex
CREATE INDEX "provisioning_request_status_lease_expires_at_idx" ON "provisioning_request"("status", "lease_expires_at");

-- CreateIndex
CREATE INDEX "provisioning_request_iccid_idx" ON "provisioning_request"("iccid");

-- CreateIndex
CREATE UNIQUE INDEX "provisioning_request_batch_id_position_key" ON "provisioning_request"("batch_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_msisdn_key" ON "subscription"("msisdn");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_iccid_key" ON "subscription"("iccid");

-- CreateIndex
CREATE INDEX "subscription_created_at_id_idx" ON "subscription"("created_at", "id");

-- CreateIndex
CREATE INDEX "provisioning_order_subscription_id_idx" ON "provisioning_order"("subscription_id");

-- CreateIndex
CREATE INDEX "provisioning_order_created_at_id_idx" ON "provisioning_order"("created_at", "id");

-- CreateIndex
CREATE INDEX "provisioning_event_batch_id_id_idx" ON "provisioning_event"("batch_id", "id");

-- CreateIndex
CREATE INDEX "provisioning_event_request_id_idx" ON "provisioning_event"("request_id");

-- CreateIndex
CREATE INDEX "provisioning_event_type_created_at_id_idx" ON "provisioning_event"("type", "created_at", "id");

-- CreateIndex
CREATE INDEX "provisioning_event_created_at_id_idx" ON "provisioning_event"("created_at", "id");

-- AddForeignKey
ALTER TABLE "program" ADD CONSTRAINT "program_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order" ADD CONSTRAINT "work_order_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order" ADD CONSTRAINT "work_order_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue" ADD CONSTRAINT "queue_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch" ADD CONSTRAINT "batch_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch" ADD CONSTRAINT "batch_work_order_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch" ADD CONSTRAINT "batch_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycle" ADD CONSTRAINT "cycle_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycle" ADD CONSTRAINT "cycle_work_order_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycle" ADD CONSTRAINT "cycle_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycle" ADD CONSTRAINT "cycle_assigned_user_id_fkey" FOREIGN KEY ("assigned_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_tech" ADD CONSTRAINT "batch_tech_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_tech" ADD CONSTRAINT "batch_tech_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_relation" ADD CONSTRAINT "batch_relation_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "letter" ADD CONSTRAINT "letter_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "letter_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "letter_status_change" ADD CONSTRAINT "letter_status_change_letter_id_fkey" FOREIGN KEY ("letter_id") REFERENCES "letter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_request" ADD CONSTRAINT "provisioning_request_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "provisioning_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_request" ADD CONSTRAINT "provisioning_request_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "provisioning_order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_order" ADD CONSTRAINT "provisioning_order_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_event" ADD CONSTRAINT "provisioning_event_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "provisioning_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_event" ADD CONSTRAINT "provisioning_event_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "provisioning_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
