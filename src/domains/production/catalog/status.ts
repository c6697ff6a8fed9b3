// A custom status label and the category it belongs to, shared by batches and cycles.
import { StatusCategory } from "../../../generated/prisma/enums.ts";
import { builder } from "../../../graphql/builder.ts";

export const StatusCategoryEnum = builder.enumType("StatusCategory", {
  description: "The classifier every custom status label belongs to.",
  values: {
    PENDING: { value: StatusCategory.PENDING, description: "Not started yet." },
    IN_PROGRESS: { value: StatusCategory.IN_PROGRESS, description: "Being worked on." },
    VERIFYING: { value: StatusCategory.VERIFYING, description: "Done, being checked." },
    COMPLETE: { value: StatusCategory.COMPLETE, description: "Finished successfully." },
    CANCELLED: { value: StatusCategory.CANCELLED, description: "Will not be done." },
    BLOCKED: { value: StatusCategory.BLOCKED, description: "Cannot go on until something else happens." },
  } as const,
});

export interface StatusShape {
  statusLabel: string;
  statusCategory: StatusCategory;
  statusDescription: string | null;
  statusOrder: number;
}

export const StatusRef = builder.objectRef<StatusShape>("Status").implement({
  description: 'A status as the customer names it (e.g. "Reticulating Splines") with its category.',
  fields: (t) => ({
    status: t.exposeString("statusLabel", { description: "The custom label of the status." }),
    category: t.expose("statusCategory", {
      type: StatusCategoryEnum,
      description: "The category the label belongs to; counts and filters use it.",
    }),
    description: t.exposeString("statusDescription", { nullable: true, description: "What the status means." }),
    order: t.exposeInt("statusOrder", { description: "Position of the status when statuses are listed." }),
  }),
});
