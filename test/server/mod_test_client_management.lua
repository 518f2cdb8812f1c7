-- Test stand-in for the community mod_client_management (not packaged in
-- Debian). Serves the manage-clients protocol from real server state: SASL2
-- and legacy sign-ins, live sessions, mod_sasl2_fast tokens and mod_tokenauth
-- grants. Replies mirror captures from the upstream module on Prosody 13, and
-- so does its behaviour, the bugs a user notices included (the slow close of a
-- revoked session, no reply for a stale id, sessions never linked to their
-- grant): each is marked "Upstream" below, so a test that passes here passes
-- against the real module.
--
-- Option: test_client_management_namespace = "urn:xmpp:cam:0" serves only
-- XEP-0494 (unprefixed ids, <grant/>, <permission/>) instead of the Prosody
-- namespace. Built from the specification alone: no server here speaks it.
--
-- Option: test_client_management_hostile = true lets a test choose, per user,
-- a malformed list reply (fault tests): set_hostile_reply(username, mode, n)
-- from the admin shell; see hostile_reply() below for the modes.
--
-- Every host counts the revoke requests it receives per user:
-- revoke_requests(username) from the admin shell.
--
-- Demo only (npm run demo): set_seen_times(username, key, first_seen, last_seen)
-- from the admin shell moves a stored client's first and last seen (Unix
-- seconds), so the demo can show clients last seen weeks ago. Only the times
-- the list shows change; what gives the client access (its sign-in methods and
-- when it used them) stays as its real sign-in recorded it.

local usermanager = require "prosody.core.usermanager";
local dt = require "prosody.util.datetime";
local id = require "prosody.util.id";
local st = require "prosody.util.stanza";
local time_now = require "prosody.util.time".now;

local xmlns_prosody = "xmpp:prosody.im/protocol/manage-clients";
local xmlns_cam = "urn:xmpp:cam:0";

local xmlns = module:get_option_string("test_client_management_namespace", xmlns_prosody);
local hostile = module:get_option_boolean("test_client_management_hostile", false);
assert(xmlns == xmlns_prosody or xmlns == xmlns_cam, "unsupported test_client_management_namespace: "..xmlns);
local cam = xmlns == xmlns_cam;

module:default_permission("prosody:registered", ":list-clients");
module:default_permission("prosody:registered", ":manage-clients");

local tokenauth = module:depends("tokenauth");
local mod_fast = module:depends("sasl2_fast");

-- username -> { [entry id] = client record }
local client_store = assert(module:open_store("test_clients", "keyval+"));

-- Upstream: every mechanism but OAUTHBEARER and the FAST HT-* ones counts as
-- the password (EXTERNAL included).
local function is_password_mechanism(mechanism)
	return mechanism ~= "OAUTHBEARER" and mechanism:match("^HT%-") == nil;
end

local function is_fast_mechanism(mechanism)
	return mechanism:match("^HT%-") ~= nil;
end

local function password_updated(username)
	local info = usermanager.get_account_info(username, module.host);
	return info and info.password_updated;
end

-- Remember how the session authenticated; mod_saslauth and mod_sasl2 both fire
-- this while the SASL handler is still attached to the session.
module:hook("authentication-success", function (event)
	local session = event.session;
	local handler = session.sasl_handler;
	if not handler then return; end
	session.tcm_mechanism = handler.selected;
	session.tcm_user_agent = handler.user_agent;
end, 10);

local function record_sign_in(username, key, init, session)
	local now = os.time();
	local client = client_store:get_key(username, key);
	if not client then
		client = init;
		client.first_seen = now;
		client.mechanisms = {};
	end
	client.last_seen = now;
	local mechanism = session.tcm_mechanism;
	if mechanism then
		client.mechanisms[mechanism] = now;
		if is_fast_mechanism(mechanism) then
			client.fast_auth = now;
		end
	end
	client_store:set_key(username, key, client);
end

local function user_agent_of(session)
	local ua = session.tcm_user_agent;
	if not ua then return {}; end
	return { software = ua.software; device = ua.device };
end

-- SASL2 clients are identified by <user-agent id>. Runs after mod_sasl2 has
-- authenticated the session (priority 1000) and before Bind2 binds a resource
-- (100), so a SASL2 client without an id is tracked by resource below with
-- the mechanism it really used.
module:hook("sasl2/c2s/success", function (event)
	local session = event.session;
	local handler = session.sasl_handler;
	if not (handler and session.username) then return; end
	session.tcm_mechanism = handler.selected;
	session.tcm_user_agent = handler.user_agent;
	local client_id = session.client_id;
	if not client_id then return; end
	-- Upstream stores the user agent when it first sees a client id and never
	-- updates it: a later sign-in with a new device name lists the old one.
	record_sign_in(session.username, client_id, {
		id = client_id;
		fast_client_id = client_id;
		user_agent = user_agent_of(session);
	}, session);
end, 200);

local function find_legacy_key(username, resource)
	for key, client in pairs(client_store:get(username) or {}) do
		if client.legacy_resource == resource then
			return key;
		end
	end
end

-- Clients without a SASL2 client id can only be tracked by their resource.
-- Upstream makes up a short random id (util.id.short: 12 characters) and keeps
-- no user agent for them, even one a SASL2 client sent without an id.
module:hook("resource-bind", function (event)
	local session = event.session;
	if session.client_id or not session.username then return; end
	local key = find_legacy_key(session.username, session.resource) or id.short();
	record_sign_in(session.username, key, {
		id = key;
		legacy_resource = session.resource;
		user_agent = {};
	}, session);
end);

local function find_live_session(username, client)
	local user = prosody.hosts[module.host].sessions[username];
	if not user then return nil; end
	for resource, session in pairs(user.sessions) do
		if client.legacy_resource then
			if not session.client_id and resource == client.legacy_resource then
				return session;
			end
		elseif session.client_id == client.id then
			return session;
		end
	end
end

-- What still gives this client access; nil when nothing does.
local function client_access(username, client, last_password_change)
	local access = {};
	local session = find_live_session(username, client);
	if session then
		access.connected = true;
		access.session = session;
	end
	for mechanism, last_used in pairs(client.mechanisms) do
		if is_password_mechanism(mechanism) and (not last_password_change or last_used >= last_password_change) then
			access.password = true;
		end
	end
	if client.fast_auth and client.fast_client_id
	and mod_fast.is_client_fast(username, client.fast_client_id, last_password_change) then
		access.fast = true;
	end
	-- Upstream means to link a session to the grant it signed in with, but looks
	-- the grant up with the wrong arguments and never finds it: a session never
	-- shows <bearer-token/>, and its grant is listed (and revoked) on its own.
	if next(access) == nil then return nil; end
	return access;
end

local function grant_user_agent(grant)
	local oauth2_client = grant.data and grant.data.oauth2_client;
	if type(oauth2_client) ~= "table" then return {}; end
	return {
		software = oauth2_client.name;
		software_id = oauth2_client.id;
		software_version = oauth2_client.version;
		uri = oauth2_client.uri;
	};
end

local function public_id(kind, raw_id)
	if cam then return raw_id; end
	return kind.."/"..raw_id;
end

-- Upstream sorts on last-seen in whole seconds, oldest first (an entry without
-- one first); entries seen in the same second come in whatever order its
-- unstable sort leaves them. Shuffling first keeps that order unpredictable
-- here too, so no test can come to rely on it.
local function shuffle(list)
	for i = #list, 2, -1 do
		local j = math.random(i);
		list[i], list[j] = list[j], list[i];
	end
end

local function seen_before(a, b)
	return (a.last_seen or -1) < (b.last_seen or -1);
end

-- Entries in the order the list shows them.
local function list_entries(username)
	local entries = {};
	local last_password_change = password_updated(username);
	for key, client in pairs(client_store:get(username) or {}) do
		local access = client_access(username, client, last_password_change);
		if access then
			table.insert(entries, {
				id = public_id("client", key);
				key = key;
				type = "session";
				record = client;
				access = access;
				first_seen = client.first_seen;
				last_seen = client.last_seen;
				user_agent = client.user_agent or {};
			});
		end
	end
	for grant_id, grant in pairs(tokenauth.get_user_grants(username) or {}) do
		table.insert(entries, {
			id = public_id("grant", grant_id);
			grant_id = grant_id;
			type = "access";
			access = { grant_id = grant_id };
			first_seen = grant.created;
			last_seen = grant.accessed;
			user_agent = grant_user_agent(grant);
		});
	end
	shuffle(entries);
	table.sort(entries, seen_before);
	return entries;
end

local function timestamp(t)
	return t and dt.datetime(math.floor(t)) or nil;
end

local function entry_element(entry)
	local access = entry.access;
	local el = st.stanza("client", {
		type = entry.type;
		connected = access.connected and "true" or "false";
		id = entry.id;
	});
	if entry.first_seen then el:text_tag("first-seen", timestamp(entry.first_seen)); end
	if entry.last_seen then el:text_tag("last-seen", timestamp(entry.last_seen)); end
	el:tag("auth");
	if access.password then el:tag("password"):up(); end
	if access.fast then el:tag("fast"):up(); end
	if access.grant_id then el:tag(cam and "grant" or "bearer-token"):up(); end
	el:up();
	if cam then
		el:tag("permission", { status = entry.type == "session" and "unrestricted" or "normal" }):up();
	end
	local ua = entry.user_agent;
	el:tag("user-agent");
	if ua.software then
		el:text_tag("software", ua.software, { id = ua.software_id; version = ua.software_version });
	end
	if ua.uri then el:text_tag("uri", ua.uri); end
	if ua.device then el:text_tag("device", ua.device); end
	el:up();
	return el;
end

-- Upstream: `software/<name>` matches a software name and
-- `software/<name>/<version>` a name with its version (only grants carry one);
-- either selects the first match in list order, never all of them.
local function software_matches(ua, wanted)
	if not ua.software then return false; end
	if ua.software == wanted then return true; end
	return ua.software_version ~= nil and ua.software.."/"..ua.software_version == wanted;
end

local function find_entry(username, selector)
	local entries = list_entries(username);
	local software = not cam and selector:match("^software/(.+)$");
	for _, entry in ipairs(entries) do
		if software then
			if software_matches(entry.user_agent, software) then return entry; end
		elseif entry.id == selector then
			return entry;
		end
	end
end

-- A stored client with no access left (not connected, no FAST token, no
-- password use since the last password change): not listed, yet known.
local function is_stale(username, selector)
	local key = cam and selector or selector:match("^client/(.+)$");
	return key ~= nil and client_store:get_key(username, key) ~= nil;
end

local function revoke_session_entry(username, entry)
	local access = entry.access;
	if access.connected then
		-- Upstream closes the session with no reason: a bare </stream:stream>
		-- and no stream error. Prosody then keeps the session (listed as
		-- connected) until the client answers the close or c2s_close_timeout
		-- runs out. The module stops there and reports undefined-condition: the
		-- FAST tokens survive until a revoke reaches the client disconnected.
		access.session:close();
		return nil, "undefined-condition";
	end
	-- Upstream answers internal-server-error (wait, "Unable to revoke client
	-- access") when the token store refuses to drop a FAST token or a grant.
	if access.fast then
		if not mod_fast.revoke_fast_tokens(username, entry.record.fast_client_id) then
			return nil, "internal-server-error";
		end
	end
	if access.password then
		return nil, "password-reset-required";
	end
	return true;
end

local function revoke(username, selector)
	local entry = selector and find_entry(username, selector);
	if not entry then
		if selector and is_stale(username, selector) then
			return nil, "stale";
		end
		return nil, "item-not-found";
	end
	if entry.type == "access" then
		if not tokenauth.revoke_grant(username, entry.grant_id) then
			return nil, "internal-server-error";
		end
		return true;
	end
	return revoke_session_entry(username, entry);
end

local function error_for(stanza, err)
	if err == "item-not-found" then
		return st.error_reply(stanza, "cancel", "item-not-found", "Client not found");
	elseif err == "internal-server-error" then
		return st.error_reply(stanza, "wait", "internal-server-error", "Unable to revoke client access");
	elseif err == "password-reset-required" then
		return st.error_reply(stanza, "cancel", "service-unavailable", "Password reset required")
			:tag("password-reset-required", { xmlns = xmlns }):up();
	end
	return st.error_reply(stanza, "cancel", "undefined-condition");
end

-- Fault tests: revoke requests received, per user (on this host).
local revoke_counts = {};

-- Admin shell: prosody.hosts[host].modules.test_client_management.revoke_requests(username)
function revoke_requests(username) -- luacheck: ignore 131
	return revoke_counts[username] or 0;
end

-- Admin shell: ...test_client_management.set_seen_times(username, key, first_seen, last_seen)
function set_seen_times(username, key, first_seen, last_seen) -- luacheck: ignore 131
	local client = assert(client_store:get_key(username, key), "no stored client "..tostring(key));
	client.first_seen, client.last_seen = first_seen, last_seen;
	assert(client_store:set_key(username, key, client));
	return "seen times set for "..key;
end

-- username -> { mode = string, n = number }, only used with test_client_management_hostile.
local hostile_modes = {};

-- Admin shell: ...test_client_management.set_hostile_reply(username, mode[, n]); mode nil resets.
function set_hostile_reply(username, mode, n) -- luacheck: ignore 131
	assert(hostile, "test_client_management_hostile is off on "..module.host);
	hostile_modes[username] = mode and { mode = mode, n = n } or nil;
	return "hostile reply for "..username..": "..tostring(mode);
end

local function hostile_client(i)
	return st.stanza("client", { type = "session", connected = "false", id = "client/hostile-"..i })
		:text_tag("first-seen", "2024-01-02T03:04:05Z")
		:text_tag("last-seen", "2024-01-02T03:04:05Z")
		:tag("auth"):tag("fast"):up():up()
		:tag("user-agent"):text_tag("software", "Hostile "..i):text_tag("device", "Device "..i):up();
end

-- The malformed reply a fault test chose; nil to answer normally.
local function hostile_reply(stanza, username)
	local choice = hostile and hostile_modes[username];
	if not choice then return nil; end
	local mode, n = choice.mode, choice.n;
	local reply = st.reply(stanza);
	if mode == "missing-attributes" then
		reply:tag("clients", { xmlns = xmlns })
			:tag("client"):up() -- no id, type or connected
			:tag("client", { id = "" }):up() -- empty id
			:tag("client", { id = "client/only-id" }):up() -- nothing but an id
			:tag("client", { id = "client/no-children", type = "session", connected = "maybe" }):up()
			:tag("client", { id = "client/only-id" }):up() -- duplicate
			:tag("client", { id = "client/odd", type = "???" }):tag("auth"):tag("fast"):up():up():tag("user-agent"):tag("software"):up():up():up();
	elseif mode == "bad-timestamps" then
		local bad = { "yesterday", "2024-13-45T99:99:99Z", "99999999999999999999", "", "-0001-01-01T00:00:00Z",
			"2024-02-30T00:00:00Z", "2024-01-01T00:00:00+99:99", "1e309", "NaN", string.rep("9", 5000) };
		reply:tag("clients", { xmlns = xmlns });
		for i, text in ipairs(bad) do
			reply:tag("client", { type = "session", connected = "false", id = "client/bad-time-"..i })
				:text_tag("first-seen", text):text_tag("last-seen", text):up();
		end
	elseif mode == "unknown-namespace" then
		reply:tag("clients", { xmlns = "urn:example:not-manage-clients" })
			:add_child(hostile_client(1)):up();
	elseif mode == "foreign-children" then
		-- The right <clients>, but every child and grandchild in a namespace nobody knows.
		reply:tag("clients", { xmlns = xmlns })
			:tag("client", { xmlns = "urn:example:evil", id = "client/foreign" }):up()
			:tag("client", { id = "client/mixed", type = "session", connected = "true" })
				:tag("auth", { xmlns = "urn:example:evil" }):tag("password"):up():up()
				:tag("auth"):tag("x-unknown-method", { xmlns = "urn:example:evil" }):up():up()
				:tag("user-agent"):tag("software", { xmlns = "urn:example:evil" }):text("evil"):up():up()
			:up();
	elseif mode == "deep-nesting" then
		reply:tag("clients", { xmlns = xmlns }):tag("client", { id = "client/deep", type = "session", connected = "false" })
			:tag("user-agent"):tag("software");
		for _ = 1, n or 10000 do reply:tag("x"); end
		reply:text("bottom");
	elseif mode == "huge-text" then
		local mb = string.rep("A", n or 1024 * 1024);
		reply:tag("clients", { xmlns = xmlns })
			:tag("client", { id = "client/huge", type = "session", connected = "false" })
				:text_tag("first-seen", mb)
				:tag("auth"):tag(string.rep("m", 1000)):up():up()
				:tag("user-agent"):text_tag("software", mb, { id = mb; version = mb }):text_tag("device", mb):text_tag("uri", mb):up()
			:up()
			:tag("client", { id = "client/"..mb, type = "session" }):up(); -- an id too long to keep
	elseif mode == "many-clients" then
		reply:tag("clients", { xmlns = xmlns });
		for i = 1, n or 100000 do reply:add_child(hostile_client(i)); end
	elseif mode == "result-without-payload" then
		-- nothing: an empty result
	elseif mode == "error-without-condition" then
		reply.attr.type = "error";
		reply:tag("error", { type = "cancel" });
	else
		error("unknown hostile mode "..tostring(mode));
	end
	return reply;
end

module:hook("iq-get/self/"..xmlns..":list", function (event)
	local origin, stanza = event.origin, event.stanza;
	if not module:may(":list-clients", event) then
		origin.send(st.error_reply(stanza, "auth", "forbidden"));
		return true;
	end
	local started = time_now();
	local malformed = hostile_reply(stanza, origin.username);
	if malformed then
		local built = time_now();
		origin.send(malformed);
		module:log("info", "hostile list reply for %s: built in %.3f s, sent in %.3f s", origin.username, built - started, time_now() - built);
		return true;
	end
	local reply = st.reply(stanza):tag("clients", { xmlns = xmlns });
	for _, entry in ipairs(list_entries(origin.username)) do
		reply:add_child(entry_element(entry));
	end
	origin.send(reply);
	return true;
end);

module:hook("iq-set/self/"..xmlns..":revoke", function (event)
	local origin, stanza = event.origin, event.stanza;
	revoke_counts[origin.username] = (revoke_counts[origin.username] or 0) + 1;
	if not module:may(":manage-clients", event) then
		origin.send(st.error_reply(stanza, "auth", "forbidden"));
		return true;
	end
	local ok, err = revoke(origin.username, stanza.tags[1].attr.id);
	if err == "stale" then
		-- Upstream raises a Lua error on a client with no access left; Prosody
		-- logs it and sends no reply at all. The requester sees only silence.
		module:log("error", "revoke of a client with no access left: no reply (as upstream)");
		return true;
	end
	if ok then
		origin.send(st.reply(stanza));
	else
		origin.send(error_for(stanza, err));
	end
	return true;
end);
