#!/usr/bin/env bash
# Manual check against a real Postfix (not part of npm test: it installs and starts system daemons).
# Installs Debian's postfix on loopback with submission (587, STARTTLS required) and smtps (465, implicit TLS),
# SASL login through Dovecot (user crm@test.nl), starts the backend with PROBE_ALLOWED_CIDRS=127.0.0.0/8 and
# prints the probe's verdict for each port/encryption pair and password, then does a validation-code round
# trip through Postfix (the code is read from root's mailbox). Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
PASS=Geheim-Postfix-42
if ! command -v postfix >/dev/null || ! command -v dovecot >/dev/null; then
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string mail.test.nl" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix dovecot-core >/dev/null
fi
# Dovecot only as Postfix's SASL back end: one user in a file, no IMAP/POP.
cat >/etc/dovecot/local.conf <<EOC
protocols =
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u /etc/dovecot/msa-users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
EOC
echo "crm@test.nl:{PLAIN}$PASS" >/etc/dovecot/msa-users
sed -i 's/^!include auth-system.conf.ext/#!include auth-system.conf.ext/' /etc/dovecot/conf.d/10-auth.conf
sed -i 's/^ssl_cert/#ssl_cert/; s/^ssl_key/#ssl_key/' /etc/dovecot/conf.d/10-ssl.conf
pkill -x dovecot 2>/dev/null || true
sleep 0.5
dovecot </dev/null >/dev/null 2>&1
dir=/etc/postfix/msa-check
mkdir -p "$dir"
[ -f "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 30 \
  -subj "/CN=mail.test.nl" -addext "subjectAltName=DNS:mail.test.nl,IP:127.0.0.1" 2>/dev/null
chmod 644 "$dir/key.pem" # test key only: the chrooted smtpd must read it
postconf -e 'inet_interfaces = loopback-only' 'inet_protocols = ipv4' 'myhostname = mail.test.nl' \
  "smtpd_tls_cert_file = $dir/cert.pem" "smtpd_tls_key_file = $dir/key.pem" 'smtpd_tls_security_level = may' \
  'maillog_file = /var/log/postfix.log'
sasl='-o smtpd_sasl_auth_enable=yes -o smtpd_sasl_type=dovecot -o smtpd_sasl_path=private/auth'
# maxproc 250 (default 100): `npm run bench` runs 200 probes at once against 587.
postconf -M submission/inet="submission inet n - y - 250 smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes $sasl"
postconf -M smtps/inet="smtps inet n - y - 250 smtpd -o syslog_name=postfix/smtps -o smtpd_tls_wrappermode=yes $sasl"
postfix status >/dev/null 2>&1 && postfix reload >/dev/null 2>&1 || postfix start >/dev/null 2>&1
sleep 1

port=${CHECK_BACKEND_PORT:-8799}
PORT=$port PROBE_ALLOWED_CIDRS=127.0.0.0/8 PROBE_EXTRA_CA_FILE="$dir/cert.pem" npx tsx server/main.ts </dev/null >/tmp/msa-postfix-backend.log 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null && break; sleep 0.2; done

postconf mail_version
show='const r=JSON.parse(require("fs").readFileSync(0));console.log(`ok=${r.ok} ${r.ms}ms portMode=${r.detected.portMode} recommended=${r.detected.recommendedEncryption??"-"} steps=${r.steps.map(s=>s.step+":"+s.status+(s.code?":"+s.code:"")).join(",")} findings=${r.findings.map(f=>f.code+(f.variant?"."+f.variant:"")).join(",")}`)'
for case in "587 tls -" "587 ssl -" "465 ssl -" "465 tls -" "25 tls-if-available -" "25 none -" "587 tls $PASS" "587 tls wrong-password" "465 ssl $PASS"; do
  set -- $case
  auth=""
  [ "$3" = "-" ] || auth=",\"auth\":{\"method\":\"password\",\"username\":\"crm@test.nl\",\"password\":\"$3\"}"
  printf '%-4s %-17s %-15s ' "$1" "$2" "$([ "$3" = "-" ] && echo 'no login' || { [ "$3" = "$PASS" ] && echo 'right password' || echo 'wrong password'; })"
  curl -s -X POST -H 'content-type: application/json' -d "{\"host\":\"127.0.0.1\",\"port\":$1,\"encryption\":\"$2\"$auth}" "http://127.0.0.1:$port/v1/probe" | node -e "$show"
done

echo "validation round trip through Postfix:"
before=$(grep -c '^Subject: Validatiecode' /var/mail/root 2>/dev/null || true)
id=$(curl -s -X POST -H 'content-type: application/json' \
  -d "{\"settings\":{\"host\":\"127.0.0.1\",\"port\":587,\"encryption\":\"tls\",\"auth\":{\"method\":\"password\",\"username\":\"crm@test.nl\",\"password\":\"$PASS\"},\"mode\":\"relay\"},\"domain\":\"mail.test.nl\",\"from\":\"crm@mail.test.nl\",\"to\":\"root@mail.test.nl\",\"lang\":\"nl\"}" \
  "http://127.0.0.1:$port/v1/validations" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).id ?? "")')
for _ in $(seq 1 50); do [ "$(grep -c '^Subject: Validatiecode' /var/mail/root 2>/dev/null || true)" -gt "${before:-0}" ] && break; sleep 0.2; done
code=$(grep -o 'Uw validatiecode: [A-Z0-9]*' /var/mail/root | tail -1 | awk '{print $3}')
echo "  mail arrived with a code: ${code:+yes}"
curl -s -X POST -H 'content-type: application/json' -d "{\"code\":\"$code\"}" "http://127.0.0.1:$port/v1/validations/$id/confirm"; echo
if grep -q "$PASS" /tmp/msa-postfix-backend.log; then echo "  the password is in the backend log: BAD"; exit 1; else echo "  the password is not in the backend log"; fi
