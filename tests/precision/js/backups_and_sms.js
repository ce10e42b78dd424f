// Nightly job: uploads the database dump to Dropbox and texts the on-call engineer through
// Twilio when something goes wrong.
const fs = require("fs");
const path = require("path");
const axios = require("axios");

const DROPBOX_CONTENT = "https://content.dropboxapi.com/2";
const DROPBOX_API = "https://api.dropboxapi.com/2";
const TWILIO_SID = process.env.TWILIO_ACCOUNT_SID;
const TWILIO_TOKEN = process.env.TWILIO_AUTH_TOKEN;
const TWILIO_FROM = process.env.TWILIO_FROM;

function dropboxAuth() {
  return { Authorization: "Bearer " + process.env.DROPBOX_ACCESS_TOKEN };
}

async function uploadSmall(localFile, remotePath) {
  const data = fs.readFileSync(localFile);
  const res = await axios.post(DROPBOX_CONTENT + "/files/upload", data, {
    headers: {
      ...dropboxAuth(),
      "Content-Type": "application/octet-stream",
      "Dropbox-API-Arg": JSON.stringify({ path: remotePath, mode: "overwrite", mute: true }),
    },
    maxBodyLength: Infinity,
  });
  return res.data.content_hash;
}

async function uploadLarge(localFile, remotePath, chunkSize = 8 * 1024 * 1024) {
  const size = fs.statSync(localFile).size;
  const fd = fs.openSync(localFile, "r");
  const buffer = Buffer.alloc(chunkSize);
  let offset = 0;
  let sessionId;
  try {
    while (offset < size) {
      const read = fs.readSync(fd, buffer, 0, chunkSize, offset);
      const chunk = buffer.subarray(0, read);
      if (!sessionId) {
        const { data } = await axios.post(`${DROPBOX_CONTENT}/files/upload_session/start`, chunk, {
          headers: { ...dropboxAuth(), "Content-Type": "application/octet-stream", "Dropbox-API-Arg": "{}" },
        });
        sessionId = data.session_id;
      } else if (offset + read < size) {
        await axios.post(`${DROPBOX_CONTENT}/files/upload_session/append_v2`, chunk, {
          headers: {
            ...dropboxAuth(),
            "Content-Type": "application/octet-stream",
            "Dropbox-API-Arg": JSON.stringify({ cursor: { session_id: sessionId, offset } }),
          },
        });
      } else {
        await axios.post(`${DROPBOX_CONTENT}/files/upload_session/finish`, chunk, {
          headers: {
            ...dropboxAuth(),
            "Content-Type": "application/octet-stream",
            "Dropbox-API-Arg": JSON.stringify({
              cursor: { session_id: sessionId, offset },
              commit: { path: remotePath, mode: "overwrite" },
            }),
          },
        });
      }
      offset += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function pruneOldBackups(folder, keep = 14) {
  const { data } = await axios.post(
    DROPBOX_API + "/files/list_folder",
    { path: folder, limit: 2000 },
    { headers: dropboxAuth() }
  );
  const dumps = data.entries.filter((e) => e[".tag"] === "file").sort((a, b) => b.name.localeCompare(a.name));
  for (const entry of dumps.slice(keep)) {
    await axios.post(DROPBOX_API + "/files/delete_v2", { path: entry.path_lower }, { headers: dropboxAuth() });
  }
}

async function sendSms(to, body) {
  const url = `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`;
  const form = new URLSearchParams({ To: to, From: TWILIO_FROM, Body: body });
  const { data } = await axios.post(url, form.toString(), {
    auth: { username: TWILIO_SID, password: TWILIO_TOKEN },
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  return data.sid;
}

async function main() {
  const dump = process.argv[2];
  const remote = `/backups/${path.basename(dump)}`;
  try {
    if (fs.statSync(dump).size > 150 * 1024 * 1024) {
      await uploadLarge(dump, remote);
    } else {
      await uploadSmall(dump, remote);
    }
    await pruneOldBackups("/backups");
  } catch (err) {
    const reason = err.response ? JSON.stringify(err.response.data.error_summary || err.response.data) : err.message;
    await sendSms(process.env.ONCALL_PHONE, `Backup failed: ${reason}`.slice(0, 300));
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main();
}
