# Postfix + Dovecot beside Schulhaus for bench/mail.sh (sourced, not run): a private Postfix instance
# (its own config, queue and port) hands mail to a private Dovecot by LMTP, Dovecot stores Maildir and
# serves IMAP; both untuned, on loopback, started and stopped by the bench.
# Needs Debian's postfix, dovecot-imapd and dovecot-lmtpd (installed if missing, without starting the
# system's own instances).

peer_install() {
  if command -v postfix >/dev/null && command -v dovecot >/dev/null && [ -x /usr/lib/dovecot/lmtp ] && command -v smtp-source >/dev/null; then
    return
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # the packages would start the system's own daemons on 25 and 143: not here
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix dovecot-imapd dovecot-lmtpd >/dev/null
  rm -f /usr/sbin/policy-rc.d
}

# peer_start DIR SMTP_PORT IMAP_PORT LMTP_PORT
peer_start() {
  local dir=$1 smtp=$2 imap=$3 lmtp=$4
  id vmail >/dev/null 2>&1 || useradd -r -M -d /nonexistent -s /usr/sbin/nologin vmail
  mkdir -p "$dir/dovecot-run" "$dir/dovecot-state" "$dir/mail"
  # mktemp makes 0700 folders: postfix and vmail must pass through them
  chmod 755 "$(dirname "$dir")" "$dir"
  chown vmail:vmail "$dir/mail"
  cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/dovecot-run
state_dir = $dir/dovecot-state
log_path = $dir/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%n
mail_uid = vmail
mail_gid = vmail
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = static
  args = password=bench
}
userdb {
  driver = static
  args = home=$dir/mail/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
  dovecot -c "$dir/dovecot.conf"

  mkdir -p "$dir/postfix" "$dir/postfix-queue" "$dir/postfix-data"
  chown postfix "$dir/postfix-data"
  [ -f /etc/postfix/main.cf ] || cp /etc/postfix/main.cf.proto /etc/postfix/main.cf
  # postfix runs a second configuration only where the default one names it
  local alternates
  alternates=$(postconf -h alternate_config_directories 2>/dev/null || true)
  case " $alternates " in *" $dir/postfix "*) ;; *) postconf -e "alternate_config_directories = $alternates $dir/postfix" ;; esac
  cat > "$dir/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/postfix-queue
data_directory = $dir/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
myhostname = bench.localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = bench.test
virtual_transport = lmtp:inet:127.0.0.1:$lmtp
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
message_size_limit = 104857600
CONF
  # the stock services, with the SMTP listener on our port and nothing chrooted
  awk -v port="$smtp" 'BEGIN{OFS="  "}
    /^smtp[ \t]+inet/ {print "127.0.0.1:" port, "inet", "n", "-", "n", "-", "-", "smtpd"; next}
    /^[a-z]/ && NF >= 8 {$5 = "n"}
    /^(submission|smtps)[ \t]/ {next}
    {print}' /etc/postfix/master.cf > "$dir/postfix/master.cf"
  postfix -c "$dir/postfix" set-permissions >/dev/null 2>&1 || true
  # postfix reports its own failures only to a terminal
  script -qc "postfix -c $dir/postfix start" /dev/null | grep -i fatal && return 1
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/"$smtp") 2>/dev/null && break; sleep 0.1; done
}

peer_stop() {
  local dir=$1
  postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true
  [ -f "$dir/dovecot-run/master.pid" ] && kill "$(cat "$dir/dovecot-run/master.pid")" 2>/dev/null || true
  sleep 0.5
}

# messages in a Dovecot user's inbox (new and cur)
peer_count() {
  local dir=$1 user=$2
  find "$dir/mail/$user/new" "$dir/mail/$user/cur" -type f 2>/dev/null | wc -l
}
