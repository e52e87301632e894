"""Writes the hostile-input corpus replayed by HostileInputTests.

Rerun from this folder with `python3 make_corpus.py` after changing a case; the output is deterministic
(gzip mtime 0). Not run in CI: the files are committed. File names say the expected outcome:
`ok-*` must load, `bad-*` must raise DataFormatException (the test holds the expected message fragment).
"""
import gzip
import struct

def write(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(name, 'wb') as f:
        f.write(data)

def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)

def images(count, rows, cols, data=None, magic=0x803):
    if data is None:
        data = bytes((i * 37) % 256 for i in range(count * rows * cols))
    return struct.pack('>IIII', magic, count, rows, cols) + data

def labels(count, data=None, magic=0x801):
    if data is None:
        data = bytes(i % 10 for i in range(count))
    return struct.pack('>II', magic, count) + data

# --- CSV: tricky but valid ---
write('ok-bom-crlf.csv', b'\xef\xbb\xbf' + b'a,b,label\r\n1,2,x\r\n3,4,y\r\n')
write('ok-utf16le-bom.csv', b'\xff\xfe' + 'a,b,label\r\n1,2,x\r\n3,4,y\r\n'.encode('utf-16-le'))
write('ok-utf16be-bom.csv', b'\xfe\xff' + 'a;b;label\n1,5;2;x\n3;4;y\n'.replace('1,5', '1.5').encode('utf-16-be'))
write('ok-quoted.csv', '"a, the first","b ""quoted""",label\n"1","2","multi\nline"\n3,4,"say ""hi"""\n')
write('ok-semicolon.csv', 'a;b;target\n1.5;2;0.5\n3;4e-3;1.25\n-1;+2;7\n')
write('ok-tab.csv', 'a\tb\tlabel\n1\t2\tcat\n3\t4\tdog\n')
write('ok-blank-lines-no-final-newline.csv', '\n\na,b,label\n\n1,2,x\n\n\n3,4,y')
write('ok-cr-only.csv', 'a,b,label\r1,2,x\r3,4,y\r')
write('ok-unicode-names.csv', 'länge,höhe,類\n1,2,猫\n3,4,犬\n')
write('ok-spaces-around-numbers.csv', 'a,b,label\n 1 , 2.5 ,x\n3,\t4\t,y\n')
write('ok-float-extremes.csv', 'a,b,y\n3.4e38,-3.4e38,1e-50\n1e-46,0,-0\n')
write('ok-short-row.csv', 'a,b,label\n1,2,x\n3,4\n5,6,y\n')
write('ok-nan-is-missing.csv', 'a,b,label\n1,2,x\n3,NaN,y\n')
write('ok-missing-cell.csv', 'a,b,label\n1,,x\n3,4,y\n')
write('ok-no-header.csv', '5.1,3.5,0\n4.9,3.0,1\n')
write('ok-text-column.csv', 'a,b,label\n1,two,x\n3,four,y\n')
write('ok-pipe.csv', 'a|b|label\n1|2|x\n3|4|y\n')

# --- CSV: defects ---
write('bad-utf16-no-bom.csv', 'a,b,label\n1,2,x\n'.encode('utf-16-le'))
write('bad-ragged-long.csv', 'a,b,label\n1,2,x\n4,5,6,y\n')
write('bad-infinity.csv', 'a,b,label\n1,-Infinity,x\n')
write('bad-1e309.csv', 'a,b,label\n1,1e309,x\n')
write('bad-1e39.csv', 'a,b,label\n1,1e39,x\n')
write('bad-target-1e39.csv', 'a,b,y\n1,2,1e39\n')
write('bad-target-infinity.csv', 'a,b,y\n1,2,3\n1,2,Infinity\n')
write('bad-unclosed-quote.csv', 'a,b,label\n1,"2,x\n3,4,y\n')
write('bad-text-after-quote.csv', 'a,b,label\n1,"2"3,x\n')
write('bad-empty.csv', b'')
write('bad-bom-only.csv', b'\xef\xbb\xbf')
write('bad-blank-lines-only.csv', '\n\r\n\n')
write('bad-whitespace-lines-only.csv', '  \n\t\n \r\n')
write('bad-header-only.csv', 'a,b,label\n')
write('bad-duplicate-header.csv', 'a,b,a,label\n1,2,3,x\n')
write('bad-empty-header-name.csv', ',a,label\n0,1,x\n')
write('bad-one-column.csv', 'a b label\n1 2 x\n')
write('bad-empty-column.csv', 'a,b,label\n1,,x\n2,NA,y\n')
write('bad-missing-target.csv', 'a,b,label\n1,2,\n')
write('bad-text-in-numbers.csv', 'a,b,label\n1,2,x\n3,4,y\n5,five,x\n')
write('bad-decimal-comma.csv', 'a;b;label\n1;"1,5";x\n')
write('bad-nul-in-cell.csv', 'x0,x1,x2,x3,y\n1,2,3,4,a\n1,2,3,4,b\n1,2,3,4,a\n1,2,3,4\0,b\n')
write('bad-invalid-utf8.csv', b'a,b,label\n1,2,\xff\xfex\n')
write('bad-binary-junk.csv', bytes((i * 151 + 7) % 256 for i in range(512)))

# --- IDX: valid ---
write('ok-images-raw.idx3', images(3, 2, 2))
write('ok-images-gzip-no-extension.idx3', gz(images(3, 2, 2)))
write('ok-images-zero-count.idx3', images(0, 28, 28))
write('ok-labels-raw.idx1', labels(5))
write('ok-labels.idx1.gz', gz(labels(5)))

# --- IDX: defects ---
write('bad-images-wrong-magic.idx3', images(3, 2, 2, magic=0x802))
write('bad-images-is-labels.idx3', labels(5))
write('bad-labels-is-images.idx1', images(3, 2, 2))
write('bad-images-header-truncated.idx3', images(3, 2, 2)[:10])
write('bad-images-data-truncated.idx3', images(3, 2, 2)[:-1])
write('bad-images-extra-bytes.idx3', images(3, 2, 2) + b'\0')
write('bad-images-huge-declared.idx3', struct.pack('>IIII', 0x803, 0x7fffffff, 28, 28) + bytes(784))
write('bad-images-negative-count.idx3', struct.pack('>IIII', 0x803, 0xffffffff, 28, 28))
write('bad-images-zero-rows.idx3', struct.pack('>IIII', 0x803, 1, 0, 28))
write('bad-images-gzip-truncated.idx3.gz', gz(images(50, 28, 28))[:200])
write('bad-images-gzip-declares-more.idx3.gz', gz(images(60000, 28, 28, data=bytes(100))))
write('bad-images-gzip-more-than-declared.idx3.gz', gz(images(2, 28, 28, data=bytes(8 << 20))))
write('bad-images-gzip-huge-declared.idx3.gz', gz(struct.pack('>IIII', 0x803, 0x7fffffff, 0x7fffffff, 0x7fffffff)))
write('bad-labels-gzip-corrupt.idx1.gz', b'\x1f\x8b\x08\x00' + bytes((i * 91) % 256 for i in range(200)))
write('bad-labels-data-truncated.idx1', labels(10)[:12])
write('bad-labels-empty.idx1', b'')
