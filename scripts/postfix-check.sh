#!/usr/bin/env bash
# Manual check against a real Postfix (not part of npm test: it installs and starts a system daemon).
# Installs Debian's postfix on loopback with submission (587, STARTTLS required) and smtps (465, implicit TLS),
# starts the backend with PROBE_ALLOWED_CIDRS=127.0.0.0/8 and prints the probe's verdict for each
# port/encryption pair, so the diagnosis can be compared with what the server really speaks. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v postfix >/dev/null; then
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string mail.test.nl" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
fi
dir=/etc/postfix/msa-check
mkdir -p "$dir"
[ -f "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 30 \
  -subj "/CN=mail.test.nl" -addext "subjectAltName=DNS:mail.test.nl,IP:127.0.0.1" 2>/dev/null
chmod 644 "$dir/key.pem" # test key only: the chrooted smtpd must read it
postconf -e 'inet_interfaces = loopback-only' 'inet_protocols = ipv4' 'myhostname = mail.test.nl' \
  "smtpd_tls_cert_file = $dir/cert.pem" "smtpd_tls_key_file = $dir/key.pem" 'smtpd_tls_security_level = may' \
  'maillog_file = /var/log/postfix.log'
postconf -M submission/inet='submission inet n - y - - smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt'
postconf -M smtps/inet='smtps inet n - y - - smtpd -o syslog_name=postfix/smtps -o smtpd_tls_wrappermode=yes'
postfix status >/dev/null 2>&1 && postfix reload >/dev/null 2>&1 || postfix start >/dev/null 2>&1
sleep 1

port=${CHECK_BACKEND_PORT:-8799}
PORT=$port PROBE_ALLOWED_CIDRS=127.0.0.0/8 PROBE_EXTRA_CA_FILE="$dir/cert.pem" npx tsx server/main.ts >/tmp/msa-postfix-backend.log 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null && break; sleep 0.2; done

postconf mail_version
for pair in "587 tls" "587 ssl" "465 ssl" "465 tls" "25 tls-if-available" "25 none"; do
  set -- $pair
  printf '%-4s %-17s ' "$1" "$2"
  curl -s -X POST -H 'content-type: application/json' \
    -d "{\"host\":\"127.0.0.1\",\"port\":$1,\"encryption\":\"$2\"}" "http://127.0.0.1:$port/v1/probe" |
    node -e 'const r=JSON.parse(require("fs").readFileSync(0));console.log(`ok=${r.ok} ${r.ms}ms portMode=${r.detected.portMode} recommended=${r.detected.recommendedEncryption??"-"} steps=${r.steps.map(s=>s.step+":"+s.status+(s.code?":"+s.code:"")).join(",")} findings=${r.findings.map(f=>f.code+(f.variant?"."+f.variant:"")).join(",")}`)'
done
