import "server-only";
// Every kind of reviewed change registers its applier here, so approving works whatever was imported before.
import "./policies/publish-review";
import "./catalog/submit-change";
