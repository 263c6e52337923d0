import type { Check } from "../../types/check.js";
import { torchUnexpectedPickle } from "./torch-unexpected-pickle.js";

export const checks: readonly Check[] = [torchUnexpectedPickle];
