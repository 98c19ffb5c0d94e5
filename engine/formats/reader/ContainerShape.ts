/** How the records of an input were packed. */
export type ContainerShape =
  /** One JSON object per line (what SIEMs and `log show --style ndjson` write). */
  | 'ndjson'
  /** One JSON array of records (an export, one API page). */
  | 'json-array'
  /** Several arrays one after another: API pages saved back to back (`GET /api/v1/logs` follows `Link: next`). */
  | 'pages'
  /** Microsoft Graph responses, `{"value": [...], "@odata.nextLink": ...}`. */
  | 'graph-value'
  /** Duo Admin API v2 responses, `{"stat": "OK", "response": {"authlogs": [...]}}`. */
  | 'duo-authlogs'
  /** One JSON object spread over several lines. */
  | 'json-document';
