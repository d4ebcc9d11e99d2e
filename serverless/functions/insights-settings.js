// POST /insights-settings: an admin saves the Insights settings into the Flex Configuration
// (ui_attributes.supervisorInsights; see ../README.md). The logic is TypeScript in ../src,
// bundled into assets/insights-settings-handler.private.js by `npm run build:serverless`
// at the repository root; this file only wires the runtime.
const { validator } = require('twilio-flex-token-validator');

exports.handler = async function handler(context, event, callback) {
  const response = new Twilio.Response();
  let result;
  try {
    const { settingsHandlerFor } = require(Runtime.getAssets()['/insights-settings-handler.js'].path);
    const handle = settingsHandlerFor(context, (token) => validator(token, context.ACCOUNT_SID, context.AUTH_TOKEN));
    // Twilio passes no method; the handler tells it from event.request.headers (POST only).
    result = await handle(event);
  } catch (error) {
    // Configuration problems (a missing variable, a missing asset): say what, with CORS for an
    // allowed origin only (ALLOWED_ORIGINS, else Flex's), so the plugin can read it.
    const headers = (event && event.request && event.request.headers) || {};
    const allowed = (context.ALLOWED_ORIGINS || 'https://flex.twilio.com').split(',').map((o) => o.trim());
    const origin = headers.origin;
    const cors = allowed.includes('*') ? '*' : typeof origin === 'string' && allowed.includes(origin) ? origin : undefined;
    result = {
      status: 500,
      headers: { ...(cors ? { 'Access-Control-Allow-Origin': cors } : {}), Vary: 'Origin', 'Content-Type': 'application/json' },
      body: { error: { code: 'upstream_failed', message: `the settings function is not set up: ${error.message}` } },
    };
  }
  response.setStatusCode(result.status);
  for (const [name, value] of Object.entries(result.headers)) response.appendHeader(name, value);
  if (result.body !== null) response.setBody(result.body);
  return callback(null, response);
};
