#!/usr/bin/env python3
"""Cross-checks a day written by cityclear-gen with a third, deliberately naive implementation.

usage: verify_day.py DIR

Re-derives from the spec alone (shared/spec/*.md), reading only DIR's keys.json,
participants.json, TB1 files and expected.json's upload order and limits:
  - every file's outcome (F05, repeat, F01 header/trailer, F03, F02, F01, F04, in the spec's order),
  - every record's reason (11, 12, 02, 05, 07, 04, 01, 13, 03, 00) with TACs recomputed,
  - the day's CLR1/RJT1/STL1 files byte for byte,
and compares them with expected.json and expected/. Exits 0 when all agree, 1 otherwise.
Slow (pure Python crypto calls): meant for days of up to some 100 000 records.
Needs python3-cryptography (TripleDES from its "decrepit" module, SM4).
"""
import hashlib
import hmac
import json
import os
import re
import sys
from datetime import datetime, timedelta

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def ecb(algorithm, data):
    encryptor = Cipher(algorithm, modes.ECB()).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def cbc_mac(algorithm, block, data):
    data = data + b"\x80"
    data += b"\x00" * (-len(data) % block)
    encryptor = Cipher(algorithm, modes.CBC(b"\x00" * block)).encryptor()
    return (encryptor.update(data) + encryptor.finalize())[-block:]


def tac(alg, mtk, asn, amount, tx_type, terminal, serial, time):
    factor = bytes.fromhex(asn[4:])
    inverse = bytes(b ^ 0xFF for b in factor)
    if alg == 0x00:
        dtk = ecb(TripleDES(mtk + mtk[:8]), factor) + ecb(TripleDES(mtk + mtk[:8]), inverse)
        key = bytes(a ^ b for a, b in zip(dtk[:8], dtk[8:]))
        cipher, block = TripleDES(key * 3), 8
    else:
        dtk = ecb(algorithms.SM4(mtk), factor + inverse)
        cipher, block = algorithms.SM4(dtk), 16
    message = (amount.to_bytes(4, "big") + bytes([tx_type]) + terminal.to_bytes(6, "big") +
               serial.to_bytes(4, "big") + bytes.fromhex(time))
    return cbc_mac(cipher, block, message)[:4].hex().upper()


def timestamp(text):
    try:
        if not re.fullmatch(r"\d{14}", text):
            return None
        return datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return None


DETAIL = re.compile(r"D(\d{8})([0-9A-Fa-f]{2})(\d{8})(\d{20})(\d{2})(\d{5})(\d{10})(\d{10})([0-9A-Fa-f]{12})"
                    r"([0-9A-Fa-f]{8})(\d{14})([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})([0-9A-Fa-f]{8})([01])([0-9A-Z]{8})")


def parse_detail(line):
    match = DETAIL.fullmatch(line)
    if not match:
        return None
    g = match.groups()
    record = dict(seq=int(g[0]), tx=int(g[1], 16), issuer=g[2], asn=g[3], counter=int(g[5]), balance=int(g[6]),
                  amount=int(g[7]), terminal=int(g[8], 16), serial=int(g[9], 16), time=g[10], alg=int(g[11], 16),
                  version=int(g[12], 16), tac=g[13].upper(), grey=g[14] == "1")
    ok = (record["tx"] in (6, 9) and record["alg"] in (0, 4) and record["counter"] <= 65535 and
          record["balance"] <= 4294967295 and record["amount"] <= 4294967295 and timestamp(g[10]) is not None)
    return record if ok else None


class Day:
    def __init__(self, folder):
        self.folder = folder
        self.keys = json.load(open(os.path.join(folder, "keys.json")))
        self.participants = json.load(open(os.path.join(folder, "participants.json")))["participants"]
        self.expected = json.load(open(os.path.join(folder, "expected.json")))
        self.limits = self.expected["limits"]
        self.fee = {p["code"]: p["fee_bps"] for p in self.participants}
        self.outcomes_by_bytes = {}
        self.accepted_batches = {}
        self.accepted_keys = set()
        self.accepted_records = []
        self.rejected_records = []

    def file_outcome(self, data):
        """(status, reason, records or None) of one upload, in the spec's order of checks."""
        if len(data) > self.limits["max_file_bytes"]:
            return ("rejected", "F05", None)
        if len(data) >= 54 and re.fullmatch(rb"\d{8}", data[46:54] or b"x"):
            if int(data[46:54]) > self.limits["max_records_per_file"]:
                return ("rejected", "F05", None)
        if data in self.outcomes_by_bytes:
            return self.outcomes_by_bytes[data]
        outcome = self.fresh_outcome(data)
        self.outcomes_by_bytes[data] = outcome
        return outcome

    def fresh_outcome(self, data):
        try:
            text = data.decode("ascii")
        except UnicodeDecodeError:
            return ("rejected", "F01", None)
        if not text.endswith("\n"):
            return ("rejected", "F01", None)
        lines = text[:-1].split("\n")
        header = re.fullmatch(r"HTB1([0-9A-Z]{20})(\d{8})(\d{14})(\d{8})", lines[0])
        if len(lines) < 2 or not header or not lines[-1].startswith("T") or timestamp(header.group(3)) is None:
            return ("rejected", "F01", None)
        batch, acquirer, created, count = header.group(1), header.group(2), header.group(3), int(header.group(4))
        if acquirer not in self.keys["acquirers"]:
            return ("rejected", "F03", None)
        trailer = re.fullmatch(r"T(\d{8})(\d{14})([0-9A-Fa-f]{64})", lines[-1])
        if not trailer:
            return ("rejected", "F01", None)
        body = data[:len(data) - len(lines[-1]) - 1]
        key = bytes.fromhex(self.keys["acquirers"][acquirer]["file_key"])
        if not hmac.compare_digest(hmac.new(key, body, hashlib.sha256).hexdigest().upper(), trailer.group(3).upper()):
            return ("rejected", "F02", None)
        records = [parse_detail(line) for line in lines[1:-1]]
        if any(r is None for r in records) or "\r" in text:
            return ("rejected", "F01", None)
        if [r["seq"] for r in records] != list(range(1, len(records) + 1)):
            return ("rejected", "F01", None)
        if count != len(records) or int(trailer.group(1)) != count or int(trailer.group(2)) != sum(r["amount"] for r in records):
            return ("rejected", "F01", None)
        previous = self.accepted_batches.get((acquirer, batch))
        if previous is not None and previous != data:
            return ("rejected", "F04", None)
        self.accepted_batches[(acquirer, batch)] = data
        return ("accepted", None, (batch, acquirer, created, records))

    def reason(self, record, created):
        keys = self.keys["issuers"].get(record["issuer"])
        if keys is None:
            return "11"
        key = next((k for k in keys if int(k["version"], 16) == record["version"] and int(k["alg"], 16) == record["alg"]), None)
        if key is None:
            return "12"
        if record["amount"] == 0 or record["amount"] > self.limits["max_single_purchase_fen"]:
            return "02"
        if record["amount"] > record["balance"]:
            return "05"
        when, header = timestamp(record["time"]), timestamp(created)
        if (when > header + timedelta(seconds=self.limits["future_tolerance_seconds"]) or
                when < header - timedelta(days=self.limits["acceptance_window_days"])):
            return "07"
        if record["grey"]:
            return "04"
        computed = tac(record["alg"], bytes.fromhex(key["mtk"]), record["asn"], record["amount"], record["tx"],
                       record["terminal"], record["serial"], record["time"])
        if computed != record["tac"]:
            return "01"
        if (record["issuer"], record["asn"], record["counter"]) in self.accepted_keys:
            return "03"
        return "00"

    def ingest(self, name):
        data = open(os.path.join(self.folder, name), "rb").read()
        status, reason, parsed = self.file_outcome(data)
        result = {"status": status, "reason": reason}
        if parsed is None:
            return result
        batch, acquirer, created, records = parsed
        reasons = []
        for record in records:
            code = self.reason(record, created)
            reasons.append(code)
            record.update(batch=batch, acquirer=acquirer)
            if code == "00":
                self.accepted_keys.add((record["issuer"], record["asn"], record["counter"]))
                self.accepted_records.append(record)
            else:
                record["reason"] = code
                self.rejected_records.append(record)
        result["reasons"] = "".join(reasons)
        return result


def sha_trailer(body, fields):
    return body + fields + hashlib.sha256(body.encode()).hexdigest().upper() + "\n"


def signed(value):
    return ("-" if value < 0 else "+") + "%014d" % abs(value)


def settlement_files(day, date):
    codes = sorted(day.fee)
    fee = lambda r: (r["amount"] * day.fee[r["acquirer"]] + 5000) // 10000
    files = {}
    positions = {}
    for p in codes:
        mine = sorted((r for r in day.accepted_records if p in (r["issuer"], r["acquirer"])),
                      key=lambda r: (r["issuer"], r["asn"], r["counter"]))
        lines = []
        for r in mine:
            role = "L" if r["issuer"] == r["acquirer"] else ("A" if r["acquirer"] == p else "I")
            other = p if role == "L" else (r["issuer"] if role == "A" else r["acquirer"])
            lines.append("D%s%s%s%s%05d%02X%010d%010d%s%s%08d%012X%08X\n" % (
                role, other, r["issuer"], r["asn"], r["counter"], r["tx"], r["amount"], fee(r) if role == "A" else 0,
                r["time"], r["batch"], r["seq"], r["terminal"], r["serial"]))
        summaries, receivable, payable, fees = [], 0, 0, 0
        for q in codes:
            got = [r for r in mine if r["acquirer"] == p and r["issuer"] == q and q != p]
            owe = [r for r in mine if r["issuer"] == p and r["acquirer"] == q and q != p]
            if got or owe:
                summaries.append("S%s%08d%014d%08d%014d%014d\n" % (q, len(got), sum(r["amount"] for r in got), len(owe),
                                                               sum(r["amount"] for r in owe), sum(fee(r) for r in got)))
            receivable += sum(r["amount"] for r in got)
            payable += sum(r["amount"] for r in owe)
            fees += sum(fee(r) for r in got)
        net = receivable - payable - fees
        positions[p] = (receivable, payable, fees, net)
        body = "HCLR1%s%s%08d\n" % (p, date, len(lines)) + "".join(lines) + "".join(summaries)
        files["CLR_%s_%s.txt" % (p, date)] = sha_trailer(body, "T%08d%014d%014d%014d%s" % (len(lines), receivable, payable, fees, signed(net)))
        rejected = sorted((r for r in day.rejected_records if r["acquirer"] == p), key=lambda r: (r["batch"], r["seq"]))
        body = "HRJT1%s%s%08d\n" % (p, date, len(rejected)) + "".join(
            "D%s%08d%s%s%s%05d%010d%s\n" % (r["batch"], r["seq"], r["reason"], r["issuer"], r["asn"], r["counter"],
                                            r["amount"], r["time"]) for r in rejected)
        files["RJT_%s_%s.txt" % (p, date)] = sha_trailer(body, "T%08d" % len(rejected))
    center = sum(v[2] for v in positions.values())
    details = ["D00000000%014d%014d%014d%s\n" % (0, 0, center, signed(center))]
    details += ["D%s%014d%014d%014d%s\n" % (p, *positions[p][:3], signed(positions[p][3])) for p in codes]
    total = center + sum(v[3] for v in positions.values())
    body = "HSTL1%s%08d\n" % (date, len(details)) + "".join(details)
    files["STL_%s.txt" % date] = sha_trailer(body, "T%08d%s" % (len(details), signed(total)))
    return files, positions, center


def main():
    folder = sys.argv[1]
    day = Day(folder)
    problems = []
    for entry in day.expected["files"]:
        got = day.ingest(entry["file"])
        if (got["status"], got["reason"]) != (entry["status"], entry["reason"]):
            problems.append("%s: %s %s, expected %s %s" % (entry["file"], got["status"], got["reason"], entry["status"], entry["reason"]))
        elif "reasons" in got and got["reasons"] != entry["reasons"]:
            first = next(i for i in range(0, len(got["reasons"]), 2) if got["reasons"][i:i + 2] != entry["reasons"][i:i + 2])
            problems.append("%s: record %d is %s, expected %s" % (entry["file"], first // 2 + 1, got["reasons"][first:first + 2],
                                                                 entry["reasons"][first:first + 2]))
    files, positions, center = settlement_files(day, day.expected["date"])
    for name, text in files.items():
        path = os.path.join(folder, "expected", name)
        if not os.path.exists(path) or open(path).read() != text:
            problems.append("expected/%s differs" % name)
    if day.expected["positions"]["center"]["fees"] != center:
        problems.append("center fees differ")
    for p in day.expected["positions"]["participants"]:
        if tuple(p[k] for k in ("receivable", "payable", "fees", "net")) != positions[p["code"]]:
            problems.append("position of %s differs" % p["code"])
    for problem in problems:
        print("DIFF", problem)
    print("%d files, %d accepted records, %d settlement files: %s" % (
        len(day.expected["files"]), len(day.accepted_records), len(files), "all agree" if not problems else "%d differences" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
