import type {InventoryInput} from '../../inventory/schema.js';

/** The Inventory's input shapes for one package and one advisory (before zod defaults). */
export type PackageInput = InventoryInput['packages'][number];
export type AdvisoryInput = NonNullable<InventoryInput['advisories']>[number];
