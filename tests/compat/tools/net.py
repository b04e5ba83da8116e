#!/usr/bin/python3
# Deterministic traffic for the compat suite: every flow uses fixed
# addresses, ports and ICMP identifiers, and every step waits for the
# previous one to complete, so the conntrack entries and events it causes
# are the same on every run.
#
#   net.py tcp-server ADDR PORT READYFILE [COUNT]
#   net.py tcp-client SRC SPORT DST DPORT [hold FILE [READYFILE]]
#   net.py udp-server ADDR PORT READYFILE [COUNT]
#   net.py udp-client SRC SPORT DST DPORT
#   net.py ping SRC DST IDENT
#   net.py ftp-server ADDR PORT DATAPORT READYFILE [COUNT]
#   net.py ftp-client SRC SPORT DST DPORT STEP...
#         STEP: pasv | epsv | data:SPORT | port:ADDR:P | eprt:ADDR:P |
#               ready:FILE (writes FILE) | hold:FILE (waits for FILE)
#
# Servers write READYFILE once they listen and serve COUNT clients (default
# 1), then exit. "hold FILE" keeps a connection open until FILE exists;
# a tcp-client holding writes READYFILE once its exchange is done.
# Every socket operation has a timeout; a failure is printed on stderr and
# ends the program with status 1.
import os
import socket
import struct
import sys
import time

TIMEOUT = 5.0
SETTLE = 0.3   # longer than a delayed ACK (at most 0.2 s): the ACK of a
               # FIN leaves alone, before the FIN that answers it
CROSS = 0.1    # lets the last packet of an exchange cross the hosts


def family(addr):
    return socket.AF_INET6 if ':' in addr else socket.AF_INET


def ready(path):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % os.getpid())
    os.rename(tmp, path)


def wait_file(path):
    deadline = time.time() + 30
    while not os.path.exists(path):
        if time.time() > deadline:
            raise SystemExit('timed out waiting for ' + path)
        time.sleep(0.02)


def tcp_socket(addr, port):
    s = socket.socket(family(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.settimeout(TIMEOUT)
    s.bind((addr, port))
    return s


def recv_line(s):
    data = b''
    while not data.endswith(b'\n'):
        chunk = s.recv(1)
        if not chunk:
            break
        data += chunk
    return data


def wait_eof(s):
    while s.recv(4096):
        pass


def tcp_server(addr, port, readyfile, count=1):
    ls = tcp_socket(addr, int(port))
    ls.listen(8)
    ls.settimeout(30)
    ready(readyfile)
    for _ in range(int(count)):
        c, _peer = ls.accept()
        c.settimeout(30)
        line = recv_line(c)
        c.sendall(b'echo ' + line)
        # the client closes first: wait for its FIN, then close
        wait_eof(c)
        time.sleep(SETTLE)
        c.close()
    ls.close()


def tcp_client(src, sport, dst, dport, *hold):
    s = tcp_socket(src, int(sport))
    s.connect((dst, int(dport)))
    s.sendall(b'hello\n')
    recv_line(s)
    if hold:
        if len(hold) > 2:
            ready(hold[2])
        wait_file(hold[1])
    s.shutdown(socket.SHUT_WR)
    s.settimeout(30)
    wait_eof(s)
    s.close()
    time.sleep(CROSS)


def udp_server(addr, port, readyfile, count=1):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.bind((addr, int(port)))
    s.settimeout(30)
    ready(readyfile)
    for _ in range(int(count)):
        data, peer = s.recvfrom(2048)
        s.sendto(b'echo ' + data, peer)
    s.close()


def udp_client(src, sport, dst, dport):
    s = socket.socket(family(src), socket.SOCK_DGRAM)
    s.settimeout(TIMEOUT)
    s.bind((src, int(sport)))
    s.sendto(b'hello\n', (dst, int(dport)))
    s.recvfrom(2048)
    s.close()
    time.sleep(CROSS)


def csum(data):
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def ping(src, dst, ident):
    ident = int(ident, 0)
    v6 = family(dst) == socket.AF_INET6
    if v6:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        req, rep = 128, 129
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        req, rep = 8, 0
    s.settimeout(TIMEOUT)
    s.bind((src, 0))
    payload = b'compat-suite-ping'
    hdr = struct.pack('!BBHHH', req, 0, 0, ident, 1)
    if not v6:   # the kernel computes the ICMPv6 checksum itself
        hdr = struct.pack('!BBHHH', req, 0, csum(hdr + payload), ident, 1)
    s.sendto(hdr + payload, (dst, 0))
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        pkt = s.recv(4096)
        if not v6:
            pkt = pkt[(pkt[0] & 15) * 4:]
        t, _c, _k, i, _q = struct.unpack('!BBHHH', pkt[:8])
        if t == rep and i == ident:
            break
    else:
        raise SystemExit('no echo reply')
    s.close()
    time.sleep(CROSS)


def ftp_addr_args(addr, port):
    return ','.join(addr.split('.') + [str(port >> 8), str(port & 255)])


def ftp_server(addr, port, dataport, readyfile, count=1):
    dataport = int(dataport)
    ls = tcp_socket(addr, int(port))
    ls.listen(8)
    ls.settimeout(30)
    ready(readyfile)
    for _ in range(int(count)):
        c, _peer = ls.accept()
        c.settimeout(30)
        c.sendall(b'220 compat ftp\r\n')
        pasv = None
        active = None
        while True:
            line = recv_line(c)
            if not line:
                break
            cmd = line.strip().split(b' ', 1)
            verb = cmd[0].upper()
            arg = cmd[1].decode() if len(cmd) > 1 else ''
            if verb in (b'PASV', b'EPSV'):
                pasv = tcp_socket(addr, dataport)
                pasv.listen(1)
                if verb == b'PASV':
                    c.sendall(('227 Entering Passive Mode (%s).\r\n'
                               % ftp_addr_args(addr, dataport)).encode())
                else:
                    c.sendall(('229 Entering Extended Passive Mode (|||%d|)\r\n'
                               % dataport).encode())
            elif verb == b'PORT':
                f = arg.split(',')
                active = ('.'.join(f[:4]), int(f[4]) * 256 + int(f[5]))
                c.sendall(b'200 PORT ok\r\n')
            elif verb == b'EPRT':
                f = arg.split(arg[0])
                active = (f[2], int(f[3]))
                c.sendall(b'200 EPRT ok\r\n')
            elif verb == b'LIST':
                c.sendall(b'150 here it comes\r\n')
                if pasv is not None:
                    d, _ = pasv.accept()
                    pasv.close()
                    pasv = None
                else:
                    d = tcp_socket(addr, dataport - 1)
                    d.connect(active)
                d.sendall(b'compat.txt\r\n')
                d.shutdown(socket.SHUT_WR)
                wait_eof(d)
                d.close()
                c.sendall(b'226 done\r\n')
            elif verb == b'QUIT':
                c.sendall(b'221 bye\r\n')
                wait_eof(c)
                time.sleep(SETTLE)
                break
            else:
                c.sendall(b'200 ok\r\n')
        c.close()
    ls.close()


def ftp_client(src, sport, dst, dport, *steps):
    s = tcp_socket(src, int(sport))
    s.connect((dst, int(dport)))
    recv_line(s)

    def cmd(text):
        s.sendall(text.encode() + b'\r\n')
        return recv_line(s).decode()

    cmd('USER anonymous')
    data_src = None
    listener = None
    for step in steps:
        kind, _, rest = step.partition(':')
        if kind == 'pasv':
            reply = cmd('PASV')
            f = reply[reply.index('(') + 1:reply.index(')')].split(',')
            data_src = ('.'.join(f[:4]), int(f[4]) * 256 + int(f[5]))
        elif kind == 'epsv':
            reply = cmd('EPSV')
            f = reply[reply.index('(') + 1:reply.index(')')]
            data_src = (dst, int(f.strip('|')))
        elif kind in ('port', 'eprt'):
            addr, _, p = rest.rpartition(':')
            listener = tcp_socket(src, int(p))
            listener.listen(1)
            if kind == 'port':
                cmd('PORT ' + ftp_addr_args(addr, int(p)))
            else:
                af = 2 if ':' in addr else 1
                cmd('EPRT |%d|%s|%s|' % (af, addr, p))
        elif kind == 'data':
            # LIST over the data connection announced before
            s.sendall(b'LIST\r\n')
            recv_line(s)
            if listener is not None:
                d, _ = listener.accept()
                listener.close()
                listener = None
            else:
                d = tcp_socket(src, int(rest))
                d.connect(data_src)
            wait_eof(d)
            time.sleep(SETTLE)
            d.close()
            recv_line(s)
        elif kind == 'ready':
            ready(rest)
        elif kind == 'hold':
            wait_file(rest)
    cmd('QUIT')
    s.shutdown(socket.SHUT_WR)
    wait_eof(s)
    s.close()
    time.sleep(CROSS)


COMMANDS = {
    'tcp-server': tcp_server, 'tcp-client': tcp_client,
    'udp-server': udp_server, 'udp-client': udp_client,
    'ping': ping,
    'ftp-server': ftp_server, 'ftp-client': ftp_client,
}

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__ if __doc__ else 'usage: net.py COMMAND ARGS...')
    try:
        COMMANDS[sys.argv[1]](*sys.argv[2:])
    except (OSError, ValueError) as e:
        sys.exit('net.py %s: %s' % (sys.argv[1], e))
