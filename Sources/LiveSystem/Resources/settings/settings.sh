# isokit boot settings: checks and applies isokit.rootpass=, isokit.sshkey=,
# isokit.ip=, isokit.hostname= and isokit.keymap=. Sourced (busybox ash) by the
# initramfs /init, which applies them to the new root before switch_root, and
# by the rescue system's /sbin/init, which brings the network up with them.
#
# Checking functions return 1 and leave a one-line reason in $why; they print
# nothing, so the callers decide what reaches the console. Nothing here ever
# prints a password.

# --- Checks ----------------------------------------------------------------------

# valid_ipv4 A: A is a dotted quad of decimal octets 0-255.
valid_ipv4() {
	case $1 in *[!0-9.]* | .* | *. | *..*) return 1 ;; esac
	local IFS=. n=0 o
	set -f
	set -- $1
	set +f
	[ $# -eq 4 ] || return 1
	for o in "$@"; do
		case $o in '' | ????* | 0?*) return 1 ;; esac
		[ "$o" -le 255 ] || return 1
	done
}

# mask_prefix DOTTED: 255.255.255.0 -> 24; 1 if the mask is not contiguous.
mask_prefix() {
	valid_ipv4 "$1" || return 1
	local IFS=. bits=0 ended= o b
	set -f
	set -- $1
	set +f
	for o in "$@"; do
		for b in 128 64 32 16 8 4 2 1; do
			if [ $((o & b)) -ne 0 ]; then
				[ -z "$ended" ] || return 1
				bits=$((bits + 1))
			else
				ended=1
			fi
		done
	done
	echo "$bits"
}

# classful_prefix A: the prefix length classful addressing gives A (the
# kernel's default when ip= has no netmask).
classful_prefix() {
	local first=${1%%.*}
	if [ "$first" -lt 128 ]; then
		echo 8
	elif [ "$first" -lt 192 ]; then
		echo 16
	else
		echo 24
	fi
}

# valid_hostname NAME: dot-separated RFC 1123 labels (letters, digits, '-'
# inside), each 1-63 characters, 253 in all.
valid_hostname() {
	local IFS=. label
	case $1 in '' | .* | *. | *..* | *[!A-Za-z0-9.-]*) return 1 ;; esac
	[ ${#1} -le 253 ] || return 1
	set -f
	for label in $1; do
		case $label in -* | *-) set +f; return 1 ;; esac
		[ ${#label} -le 63 ] || { set +f; return 1; }
	done
	set +f
}

# valid_keymap NAME: a keymap name (letters, digits, '.', '_', '-').
valid_keymap() {
	case $1 in '' | -* | *[!A-Za-z0-9._-]*) return 1 ;; esac
	[ ${#1} -le 64 ]
}

# valid_ifname NAME: a network interface name the kernel accepts.
valid_ifname() {
	case $1 in '' | . | .. | *[!A-Za-z0-9_.:-]*) return 1 ;; esac
	[ ${#1} -le 15 ]
}

# --- isokit.ip= (the kernel's ip= syntax) ------------------------------------------

# parse_ip VALUE: sets ip_mode (off, dhcp or static) and ip_addr, ip_prefix,
# ip_gw, ip_host, ip_dev, ip_dns (blank-separated). VALUE is off|none,
# on|any|dhcp|bootp|rarp|both, or
# client:server:gateway:netmask:hostname:device:autoconf:dns0:dns1:ntp0.
parse_ip() {
	ip_mode= ip_addr= ip_prefix= ip_gw= ip_host= ip_dev= ip_dns=
	case $1 in
	'') why="empty value"; return 1 ;;
	off | none) ip_mode=off; return 0 ;;
	on | any | dhcp | bootp | rarp | both) ip_mode=dhcp; return 0 ;;
	*[!A-Za-z0-9.:_-]*) why="unexpected characters (want client:server:gw:netmask:hostname:device:autoconf:dns0:dns1)"; return 1 ;;
	*:*:*:*:*:*:*:*:*:*:*) why="more than 10 colon-separated fields"; return 1 ;;
	esac
	local IFS=: client server gw mask host dev auto dns0 dns1 f
	set -f
	set -- $1
	set +f
	client=$1 server=$2 gw=$3 mask=$4 host=$5 dev=$6 auto=$7 dns0=$8 dns1=$9
	for f in "client address:$client" "server address:$server" "gateway:$gw" "dns0:$dns0" "dns1:$dns1"; do
		[ -z "${f#*:}" ] || valid_ipv4 "${f#*:}" || { why="${f%%:*} '${f#*:}' is not a dotted IPv4 address"; return 1; }
	done
	[ -z "$host" ] || valid_hostname "$host" || { why="hostname '$host' is not a valid host name"; return 1; }
	[ -z "$dev" ] || valid_ifname "$dev" || { why="device '$dev' is not an interface name"; return 1; }
	case $auto in
	'' | off | none | static) [ -n "$client" ] && ip_mode=static || ip_mode=dhcp ;;
	on | any | dhcp | bootp | rarp | both) ip_mode=dhcp ;;
	*) why="autoconf '$auto' is not off, none, on, any, dhcp, bootp, rarp or both"; return 1 ;;
	esac
	case $auto in off | none | static) [ -n "$client" ] || { why="autoconf $auto needs a client address"; return 1; } ;; esac
	if [ "$ip_mode" = static ]; then
		if [ -n "$mask" ]; then
			ip_prefix=$(mask_prefix "$mask") || { why="netmask '$mask' is not a contiguous dotted mask"; return 1; }
		else
			ip_prefix=$(classful_prefix "$client")
		fi
		ip_addr=$client ip_gw=$gw
	fi
	ip_host=$host ip_dev=$dev ip_dns=$(echo $dns0 $dns1)
}

# --- isokit.hostname= and isokit.keymap= ---------------------------------------------

# apply_hostname ROOT NAME: /etc/hostname and the 127.0.1.1 line of /etc/hosts.
apply_hostname() {
	local hosts=$1/etc/hosts
	mkdir -p "$1/etc" || return 1
	echo "$2" >"$1/etc/hostname.isokit" && mv -f "$1/etc/hostname.isokit" "$1/etc/hostname" || return 1
	if [ -f "$hosts" ]; then
		{ grep -v '^127\.0\.1\.1[[:space:]]' "$hosts"; echo "127.0.1.1 $2"; } >"$hosts.isokit" &&
			mv -f "$hosts.isokit" "$hosts"
	fi
}

# xkb_layout KEYMAP: the XKB layout for a console keymap name (de-latin1 -> de).
xkb_layout() {
	case $1 in
	uk*) echo gb ;;
	sg*) echo ch ;;
	*) echo "${1%%-*}" ;;
	esac
}

# apply_keymap_config ROOT NAME: /etc/vconsole.conf (systemd) and
# /etc/default/keyboard (Debian's console-setup and X) when the root has them.
apply_keymap_config() {
	local f
	if [ -d "$1/etc/systemd" ] || [ -f "$1/etc/vconsole.conf" ]; then
		f=$1/etc/vconsole.conf
		{ grep -v '^KEYMAP=' "$f" 2>/dev/null; echo "KEYMAP=$2"; } >"$f.isokit" && mv -f "$f.isokit" "$f"
	fi
	if [ -d "$1/etc/default" ]; then
		f=$1/etc/default/keyboard
		{ grep -v '^XKBLAYOUT=' "$f" 2>/dev/null; echo "XKBLAYOUT=\"$(xkb_layout "$2")\""; } >"$f.isokit" &&
			mv -f "$f.isokit" "$f"
	fi
}

# --- isokit.rootpass= ----------------------------------------------------------------

# valid_crypt HASH: HASH looks like a crypt(3) string ($id$[params$]salt$hash).
valid_crypt() {
	case $1 in
	\$*\$*\$*) ;;
	*) return 1 ;;
	esac
	case $1 in *[!A-Za-z0-9./\$=]*) return 1 ;; esac
	[ ${#1} -ge 20 ]
}

# root_hash VALUE: sets hash to the crypt hash for VALUE (a clear-text
# password is hashed with SHA-512 on stdin, so it is never in an argument
# list). A VALUE starting with '$' must already be a crypt hash.
root_hash() {
	hash=
	case $1 in
	'') why="empty password refused"; return 1 ;;
	\$*)
		valid_crypt "$1" || { why="starts with '\$' but is not a crypt hash (\$6\$salt\$hash, \$y\$...)"; return 1; }
		hash=$1
		;;
	*)
		hash=$(printf '%s\n' "$1" | mkpasswd -m sha512 2>/dev/null)
		valid_crypt "$hash" || { hash= why="mkpasswd -m sha512 failed"; return 1; }
		;;
	esac
}

# set_root_hash ROOT HASH: root's password field in ROOT/etc/shadow (and 'x'
# in ROOT/etc/passwd so the shadow entry is used). Both files are replaced
# whole or not at all.
set_root_hash() {
	local shadow=$1/etc/shadow passwd=$1/etc/passwd
	[ -f "$shadow" ] || { why="the root has no /etc/shadow"; return 1; }
	grep -q '^root:' "$shadow" || { why="/etc/shadow has no root entry"; return 1; }
	grep -q '^root:' "$passwd" 2>/dev/null || { why="/etc/passwd has no root entry"; return 1; }
	# cp -p first: the copies keep each file's owner and mode (shadow may be 0640 root:shadow).
	cp -p "$shadow" "$shadow.isokit" && cp -p "$passwd" "$passwd.isokit" &&
		awk -F: -v OFS=: -v h="$2" '$1 == "root" { $2 = h } { print }' "$shadow" >"$shadow.isokit" &&
		awk -F: -v OFS=: '$1 == "root" { $2 = "x" } { print }' "$passwd" >"$passwd.isokit" &&
		mv -f "$shadow.isokit" "$shadow" && mv -f "$passwd.isokit" "$passwd" ||
		{ rm -f "$shadow.isokit" "$passwd.isokit"; why="cannot rewrite /etc/shadow"; return 1; }
}

# --- isokit.sshkey= --------------------------------------------------------------------

# key_types: the public key algorithms an authorized key may name.
key_types="ssh-ed25519 ssh-rsa ecdsa-sha2-nistp256 ecdsa-sha2-nistp384 ecdsa-sha2-nistp521 sk-ssh-ed25519@openssh.com sk-ecdsa-sha2-nistp256@openssh.com"

# base64url_decode TEXT: prints the bytes URL-safe base64 TEXT (padding
# optional) stands for.
base64url_decode() {
	local t
	case $1 in '' | *[!A-Za-z0-9_=-]*) return 1 ;; esac
	case ${1#"${1%%=*}"} in *[!=]*) return 1 ;; esac  # '=' only as trailing padding
	t=$(echo "${1%%=*}" | tr -- '-_' '+/')
	case $((${#t} % 4)) in
	1) return 1 ;;
	2) t="$t==" ;;
	3) t="$t=" ;;
	esac
	echo "$t" | base64 -d 2>/dev/null
}

# valid_key_line LINE: "TYPE BLOB [comment]" with a known TYPE and a base64
# BLOB that names the same TYPE (RFC 4253 6.6: string TYPE first).
valid_key_line() {
	local IFS=' 	' type blob t known=
	case $1 in *'
'*) return 1 ;; esac
	set -f
	set -- $1
	set +f
	type=$1 blob=$2
	for t in $key_types; do [ "$t" = "$type" ] && known=1; done
	[ -n "$known" ] || return 1
	case $blob in '' | *[!A-Za-z0-9+/=]*) return 1 ;; esac
	[ "$(echo "$blob" | base64 -d 2>/dev/null | dd bs=1 skip=4 count=${#type} 2>/dev/null)" = "$type" ]
}

# sshkey_lines WORD FETCHED: the authorized key lines of one isokit.sshkey=
# value, one a line: an http(s) URL (its file, fetched before into FETCHED)
# or a comma list of URL-safe base64 key lines. 1 with $why at the first bad one.
sshkey_lines() {
	local item n=0 line
	case $1 in
	http://* | https://*)
		[ -s "$2" ] || { why="$1: nothing fetched"; return 1; }
		while IFS= read -r line || [ -n "$line" ]; do
			line=${line%"$(printf '\r')"}
			case $line in '' | '#'*) continue ;; esac
			valid_key_line "$line" || { why="$1: line '$(echo "$line" | cut -c1-40)...' is not an SSH public key"; return 1; }
			echo "$line"
			n=$((n + 1))
		done <"$2"
		[ "$n" -gt 0 ] || { why="$1: no keys in the file"; return 1; }
		;;
	*)
		local IFS=,
		set -f
		for item in $1; do
			n=$((n + 1))
			line=$(base64url_decode "$item") || { set +f; why="key $n is not URL-safe base64"; return 1; }
			line=${line%"$(printf '\n')"}
			valid_key_line "$line" || { set +f; why="key $n does not decode to 'TYPE AAAA... comment'"; return 1; }
			echo "$line"
		done
		set +f
		[ "$n" -gt 0 ] || { why="no keys"; return 1; }
		;;
	esac
}

# root_home ROOT: root's home directory in ROOT/etc/passwd (/root if unset).
root_home() {
	local h
	h=$(awk -F: '$1 == "root" { print $6; exit }' "$1/etc/passwd" 2>/dev/null)
	case $h in /*) echo "$h" ;; *) echo /root ;; esac
}

# add_authorized_keys ROOT FILE: appends FILE's key lines not there yet to
# root's ~/.ssh/authorized_keys (0700 directory, 0600 file).
add_authorized_keys() {
	local dir keys
	dir=$1$(root_home "$1")/.ssh
	keys=$dir/authorized_keys
	mkdir -p "$dir" && chmod 0700 "$dir" || { why="cannot create $dir"; return 1; }
	(
		umask 077
		[ -f "$keys" ] && cat "$keys"
		while IFS= read -r line; do
			[ -f "$keys" ] && grep -qxF -- "$line" "$keys" && continue
			echo "$line"
		done <"$2"
	) >"$keys.isokit" && chmod 0600 "$keys.isokit" && mv -f "$keys.isokit" "$keys" ||
		{ rm -f "$keys.isokit"; why="cannot write $keys"; return 1; }
}

# --- Network configuration for other roots ------------------------------------

# write_network_config ROOT MAC: a static isokit.ip= for the root's own
# network stack: a systemd-networkd .network file (matched by MAC when ip=
# named no device) and, when ip= names the device (ifupdown knows interfaces
# only by name, and the root's udev may rename eth0), an interfaces.d stanza.
write_network_config() {
	local dev=$ip_dev d
	for d in /lib/systemd/systemd-networkd /usr/lib/systemd/systemd-networkd; do
		[ -e "$1$d" ] || continue
		mkdir -p "$1/etc/systemd/network"
		{
			echo "# isokit.ip= at boot"
			echo "[Match]"
			if [ -n "$ip_dev" ]; then echo "Name=$ip_dev"; else echo "MACAddress=$2"; fi
			echo "[Network]"
			echo "Address=$ip_addr/$ip_prefix"
			[ -z "$ip_gw" ] || echo "Gateway=$ip_gw"
			for d in $ip_dns; do echo "DNS=$d"; done
		} >"$1/etc/systemd/network/10-isokit.network"
		break
	done
	if [ -f "$1/etc/network/interfaces" ] && [ -n "$dev" ]; then
		mkdir -p "$1/etc/network/interfaces.d"
		{
			echo "# isokit.ip= at boot"
			echo "auto $dev"
			echo "iface $dev inet static"
			echo "	address $ip_addr/$ip_prefix"
			[ -z "$ip_gw" ] || echo "	gateway $ip_gw"
			[ -z "$ip_dns" ] || echo "	dns-nameservers $ip_dns"
		} >"$1/etc/network/interfaces.d/isokit"
	fi
}

# --- Bringing the network up ----------------------------------------------------

# first_nic: the first network interface but lo, by name.
first_nic() {
	ls /sys/class/net 2>/dev/null | grep -vx lo | head -n 1
}

# static_up: configures the static isokit.ip= address on $ip_dev (or the first
# NIC); writes /etc/resolv.conf when DNS servers were given. Sets ip_dev.
static_up() {
	[ -n "$ip_dev" ] || ip_dev=$(first_nic)
	[ -n "$ip_dev" ] && [ -e "/sys/class/net/$ip_dev" ] || { why="no interface ${ip_dev:-at all}"; return 1; }
	ip link set "$ip_dev" up &&
		ip -4 addr flush dev "$ip_dev" &&
		ip -4 addr add "$ip_addr/$ip_prefix" dev "$ip_dev" || { why="cannot set $ip_addr/$ip_prefix on $ip_dev"; return 1; }
	if [ -n "$ip_gw" ]; then
		ip -4 route replace default via "$ip_gw" dev "$ip_dev" || { why="cannot route via $ip_gw"; return 1; }
	fi
	if [ -n "$ip_dns" ]; then
		{
			echo "# from isokit.ip="
			for d in $ip_dns; do echo "nameserver $d"; done
		} >/etc/resolv.conf
	fi
}
