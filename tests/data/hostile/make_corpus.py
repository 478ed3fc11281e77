#!/usr/bin/env python3
"""Writes the files of this corpus that cannot sensibly be typed by hand: deep nesting, bytes
that are not UTF-8, hand-built zip files that lie about themselves, and SQLite files that are not
quite Bulkhead workspaces. The rest (*.yaml, *.json, *.txt written by hand) is committed as is.

Deterministic: the same script writes the same bytes, so `git diff` after running it is empty.
Every file stays well under 100 KB; the big cases (100 MB strings, 10^5-deep nesting) are made
at run time by tests/core/test_hostile_input.cpp instead.

    python3 tests/data/hostile/make_corpus.py
"""
import os
import random
import sqlite3
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def write(relative, data):
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(path, 'wb') as f:
        f.write(data)
    assert len(data) < 100 * 1024, relative


QUESTIONNAIRE_HEAD = """questionnaire: {key}
version: 1
title: {title}
sections:
  - id: hx.{key}
    title: Section
    questions:
      - id: hx.{key}.q1
        type: yesno
"""


def questionnaire(key, title, question_fields):
    return QUESTIONNAIRE_HEAD.format(key=key, title=title) + question_fields


def yaml_files():
    # 3000 levels of flow sequences: past yaml-cpp's depth guard (2000).
    write('yaml/deep_flow_nesting.yaml', 'questionnaire: hx_deep\nversion: 1\ntitle: Deep\nsections: '
          + '[' * 3000 + ']' * 3000 + '\n')
    # 1500 levels of flow mappings: under the guard, so the parser builds it and the loader
    # must refuse the shape without recursing into it.
    write('yaml/deep_mapping_nesting.yaml', 'questionnaire: hx_deep_map\nversion: 1\ntitle: Deep\nsections: '
          + '{a: ' * 1500 + 'x' + '}' * 1500 + '\n')
    write('yaml/when_deep_parentheses.yaml',
          questionnaire('hx_when_deep', 'Deep when', '        text: Deep?\n        when: "'
                        + '(' * 200 + 'true' + ')' * 200 + '"\n'))
    write('yaml/when_too_long.yaml',
          questionnaire('hx_when_long', 'Long when', '        text: Long?\n        when: "'
                        + ' or '.join(['fact.architecture'] * 300) + '"\n'))
    # Bytes that are not UTF-8, each a different way to get it wrong.
    valid = questionnaire('hx_utf8', 'UTF-8', '        text: Is it UTF-8?\n')
    write('yaml/utf8_truncated_sequence.yaml', valid.encode() + b'        guidance: caf\xc3')
    write('yaml/utf8_encoded_surrogate.yaml',
          valid.encode().replace(b'Is it UTF-8?', b'Is it \xed\xa0\x80 UTF-8?'))
    write('yaml/utf8_overlong_nul.yaml', valid.encode().replace(b'Is it UTF-8?', b'Is it \xc0\x80 UTF-8?'))
    write('yaml/utf16le_with_bom.yaml', b'\xff\xfe' + valid.encode('utf-16-le'))
    # A NUL inside the text must not end the file early: the unknown key after it is still found.
    write('yaml/nul_byte.yaml', valid.encode().replace(b'title: UTF-8', b'title: UTF\x00-8') + b'        colour: red\n')


def condition_files():
    # `when` expressions on their own, for the condition parser (one per file, no newline).
    write('conditions/deep_parentheses.txt', '(' * 200 + 'true' + ')' * 200)
    write('conditions/many_nots.txt', 'not ' * 100 + 'fact.architecture')
    write('conditions/mixed_nesting.txt', 'not (' * 40 + 'a' + ')' * 40)
    write('conditions/too_long.txt', ' or '.join(['fact.architecture == "typical"'] * 150))
    write('conditions/long_list.txt', "fact.csp in [" + ', '.join("'p%d'" % i for i in range(400)) + ']')
    write('conditions/control_characters.txt', "fact.csp == 'a\x01' and\x00 b")
    write('conditions/unterminated_string.txt', "fact.csp in ['aws', 'gcp")
    write('conditions/other_languages_operators.txt', "fact.a && !fact.b || fact.c >= 3")
    # A Cyrillic 'a' in "fact": looks right, names nothing.
    write('conditions/lookalike_letter.txt', "f\u0430ct.architecture == 'typical'")
    write('conditions/lone_surrogate.txt', b"fact.csp == '\xed\xb0\x80'")


def scan_files():
    # Qt's JSON reader stops at 1024 levels; 5000 is past it, 1000 is within it (valid JSON that
    # is not the tool's shape).
    for tool, key in (('kube-bench', 'Controls'), ('docker-bench', 'tests'), ('trivy', 'Results'), ('sarif', 'runs')):
        prefix = {'trivy': '{"SchemaVersion": 2, "Results": ', 'sarif': '{"version": "2.1.0", "runs": '}.get(
            tool, '{"%s": ' % key)
        write('scan/%s/deep_arrays_5000.json' % tool, prefix + '[' * 5000 + ']' * 5000 + '}')
        write('scan/%s/deep_arrays_1000.json' % tool, prefix + '[' * 1000 + ']' * 1000 + '}\n')
        write('scan/%s/utf16le_with_bom.json' % tool, b'\xff\xfe' + (prefix + '[]}').encode('utf-16-le'))


# --- zip files -----------------------------------------------------------------------------

def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Entry:
    def __init__(self, name, data, method=8, declared=None, flags=0x800, mode=0o100644, crc=None, raw=None):
        self.name = name if isinstance(name, bytes) else name.encode('utf-8')
        self.data = data
        self.method = method
        self.declared = len(data) if declared is None else declared
        self.flags = flags
        self.mode = mode
        self.crc = zlib.crc32(data) if crc is None else crc
        if raw is not None:
            self.stored = raw
        elif method == 8:
            self.stored = deflate(data)
        else:
            self.stored = data


def local_header(e):
    return struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, e.flags, e.method, 0, 0x21, e.crc, len(e.stored), e.declared,
                       len(e.name), 0) + e.name


def central_header(e, offset):
    return struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 0x0314, 20, e.flags, e.method, 0, 0x21, e.crc, len(e.stored),
                       e.declared, len(e.name), 0, 0, 0, 0, e.mode << 16, offset) + e.name


def end_record(count, size, offset, disk=0, count_here=None):
    return struct.pack('<IHHHHIIH', 0x06054b50, disk, 0, count if count_here is None else count_here, count, size,
                       offset, 0)


def zip_of(entries, **end):
    body, directory = b'', b''
    for e in entries:
        directory += central_header(e, len(body))
        body += local_header(e) + e.stored
    return body + directory + end_record(len(entries), len(directory), len(body), **end)


MANIFEST = b'{"format": "bulkhead-engagement-package", "format_version": 1, "files": []}'


def package_files():
    rng = random.Random(20260211)
    write('packages/random_bytes.bulkhead-package', rng.randbytes(4096))
    write('packages/empty_file.bulkhead-package', b'')
    write('packages/empty_zip.bulkhead-package', end_record(0, 0, 0))
    write('packages/zip_slip.bulkhead-package',
          zip_of([Entry('../../../../tmp/bulkhead-zip-slip', b'#!/bin/sh\necho owned\n')]))
    write('packages/zip_slip_backslash.bulkhead-package',
          zip_of([Entry('..\\..\\bulkhead-zip-slip', b'#!/bin/sh\necho owned\n')]))
    write('packages/symlink_manifest.bulkhead-package',
          zip_of([Entry('manifest.json', b'/etc/passwd', method=0, mode=0o120777)]))
    # 20 MiB of zeros deflate to about 20 KB; the entry claims 1 KiB.
    write('packages/zip_bomb_lying_size.bulkhead-package',
          zip_of([Entry('manifest.json', MANIFEST), Entry('evidence/bomb', b'\0' * (20 << 20), declared=1024)]))
    # Fifield's overlapping-entry bomb in miniature: the second entry's header sits inside the
    # first entry's data, so the same bytes would inflate twice.
    inner = Entry('b', b'x' * 64, method=0)
    outer = Entry('a', local_header(inner) + inner.stored, method=0)
    body = local_header(outer) + outer.stored
    directory = central_header(outer, 0) + central_header(inner, len(local_header(outer)))
    write('packages/overlapping_entries.bulkhead-package', body + directory + end_record(2, len(directory), len(body)))
    one = zip_of([Entry('manifest.json', MANIFEST)])
    eocd = len(one) - 22
    write('packages/zip64_marker.bulkhead-package', one[:eocd] + struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 0xffff, 0xffff,
                                                                            0xffffffff, 0xffffffff, 0))
    write('packages/multi_volume.bulkhead-package', zip_of([Entry('manifest.json', MANIFEST)], disk=1))
    write('packages/encrypted_entry.bulkhead-package', zip_of([Entry('manifest.json', MANIFEST, flags=0x801)]))
    write('packages/bzip2_entry.bulkhead-package', zip_of([Entry('manifest.json', MANIFEST, method=12, raw=b'BZh91AY&SY')]))
    write('packages/duplicate_names.bulkhead-package',
          zip_of([Entry('manifest.json', MANIFEST), Entry('manifest.json', b'{"format": "other"}')]))
    write('packages/latin1_name.bulkhead-package', zip_of([Entry(b'caf\xe9.json', b'{}', flags=0)]))
    write('packages/escape_sequence_name.bulkhead-package', zip_of([Entry('evil\x1b[2J.json', b'{}')]))
    write('packages/long_name.bulkhead-package', zip_of([Entry('evidence/' + 'a' * 300, b'{}')]))
    whole = zip_of([Entry('manifest.json', MANIFEST)])
    write('packages/directory_beyond_end.bulkhead-package',
          whole[:-22] + end_record(1, len(whole) - 22, 1 << 20))
    write('packages/crc_mismatch.bulkhead-package', zip_of([Entry('manifest.json', MANIFEST, crc=0xdeadbeef)]))
    write('packages/corrupt_deflate.bulkhead-package',
          zip_of([Entry('manifest.json', MANIFEST, raw=bytes(rng.randrange(256) for _ in range(64)))]))
    write('packages/stored_sizes_differ.bulkhead-package',
          zip_of([Entry('manifest.json', MANIFEST, method=0, declared=len(MANIFEST) + 10)]))
    no_header = Entry('manifest.json', MANIFEST)
    padding = b'\0' * (30 + len(no_header.name) + len(no_header.stored))
    directory = central_header(no_header, 0)
    write('packages/no_local_header.bulkhead-package', padding + directory + end_record(1, len(directory), len(padding)))
    write('packages/manifest_not_json.bulkhead-package', zip_of([Entry('manifest.json', b'{"format": "bulkhead-engag')]))
    write('packages/manifest_is_array.bulkhead-package', zip_of([Entry('manifest.json', b'[1, 2, 3]')]))
    write('packages/no_signature.bulkhead-package', zip_of([Entry('manifest.json', MANIFEST)]))
    write('packages/oversized_signature.bulkhead-package',
          zip_of([Entry('manifest.json', MANIFEST), Entry('signature', b'\x30' * 2048)]))
    bad_key = (b'{"format": "bulkhead-engagement-package", "format_version": 1, "files": [], "signer": '
               b'{"public_key": "-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n", "fingerprint": "0000"}}')
    write('packages/unreadable_public_key.bulkhead-package',
          zip_of([Entry('manifest.json', bad_key), Entry('signature', b'\x30\x06\x02\x01\x01\x02\x01\x01')]))


# --- SQLite files --------------------------------------------------------------------------

BULKHEAD_APPLICATION_ID = 0x42484B44  # core/SqlDialect.h


def sqlite_file(relative, statements):
    path = os.path.join(HERE, relative)
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    for s in statements:
        db.execute(s)
    db.commit()
    db.execute('VACUUM')
    db.close()
    with open(path, 'rb') as f:
        data = f.read()
    assert len(data) < 100 * 1024, relative
    return data


def workspace_files():
    rng = random.Random(20260212)
    write('workspaces/random_bytes.bulkhead', rng.randbytes(4096))
    write('workspaces/empty_file.bulkhead', b'')
    sqlite_file('workspaces/other_application.sqlite', [
        'CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)',
        "INSERT INTO moz_places (url, title) VALUES ('https://example.org/', 'Example')",
    ])
    sqlite_file('workspaces/no_schema_version.bulkhead', [
        'PRAGMA application_id = %d' % BULKHEAD_APPLICATION_ID,
        'CREATE TABLE engagement (id INTEGER PRIMARY KEY, client TEXT)',
    ])
    sqlite_file('workspaces/schema_version_not_a_number.bulkhead', [
        'PRAGMA application_id = %d' % BULKHEAD_APPLICATION_ID,
        'CREATE TABLE schema_version (version)',
        "INSERT INTO schema_version VALUES ('three')",
    ])
    filler = ["INSERT INTO answer (value) VALUES ('%s')" % ('x' * 900) for _ in range(40)]
    whole = sqlite_file('workspaces/truncated.bulkhead', [
        'PRAGMA application_id = %d' % BULKHEAD_APPLICATION_ID,
        'CREATE TABLE schema_version (version INTEGER)',
        'INSERT INTO schema_version VALUES (13)',
        'CREATE TABLE answer (id INTEGER PRIMARY KEY, value TEXT)',
    ] + filler)
    write('workspaces/truncated.bulkhead', whole[:len(whole) // 2])
    write('workspaces/header_only.bulkhead', whole[:100])


if __name__ == '__main__':
    yaml_files()
    condition_files()
    scan_files()
    package_files()
    workspace_files()
