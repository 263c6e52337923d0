import { hubDriftCheck } from "./hub-drift-check.js";

export const lockRepoDeleted = hubDriftCheck("lock-repo-deleted", ["deleted"], () => ({}));
