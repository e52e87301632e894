"""Writes the corpus of real-world-shaped CSV files replayed by RealWorldShapeTests (and trained by the CLI tests).

Each file imitates a shape that real exports have: a scikit-learn counts line, no header, comment lines, dates, free
text, identifiers, categories, a sparse column, short rows, a semicolon and decimal comma, single quotes, gzip. The data
are made up here (seeded, so the output is deterministic); the expected outcome of each file, and the one option it
may need, is in RealWorldShapeTests.cs. Rerun from this folder with `python3 make_real_world.py` after changing a case;
not run in CI (the files are committed).
"""
import gzip
import random

rng = random.Random(20250601)


def write(name, text, compress=False):
    data = text.encode('utf-8')
    if compress:
        data = gzip.compress(data, compresslevel=9, mtime=0)
    with open(name, 'wb') as f:
        f.write(data)


def fmt(x):
    return f'{x:.3f}'.rstrip('0').rstrip('.')


def blobs(rows, features, classes):
    """Rows of `features` numbers around a centre per class, and the class index."""
    centres = [[rng.uniform(-3, 3) for _ in range(features)] for _ in range(classes)]
    out = []
    for i in range(rows):
        c = i % classes
        out.append(([centres[c][j] + rng.gauss(0, 0.8) for j in range(features)], c))
    rng.shuffle(out)
    return out


# 1. scikit-learn's layout: "N,F,class names" then headerless rows whose last column is the class index.
rows = blobs(60, 4, 3)
write('counts-line-classes.csv', '60,4,setosa,versicolor,virginica\n' +
      ''.join(','.join(map(fmt, x)) + f',{c}\n' for x, c in rows))

# 2. scikit-learn's boston layout: "N,F" padded with empty fields, then a quoted header, then rows (regression).
lines = ['50,3,,,', '"CRIM","ROOMS","AGE","PRICE"']
for _ in range(50):
    crim, rooms, age = rng.uniform(0, 10), rng.uniform(3, 8), rng.uniform(10, 100)
    lines.append(','.join(map(fmt, [crim, rooms, age, 40 - 2 * crim + 5 * rooms - 0.1 * age + rng.gauss(0, 1)])))
write('counts-line-header.csv', '\n'.join(lines) + '\n')

# 3. No header at all, gzip-compressed (like scikit-learn's digits.csv.gz): integer pixels and a digit.
rows = blobs(80, 8, 4)
write('no-header.csv.gz', ''.join(','.join(str(max(0, min(16, round(4 * v + 8)))) for v in x) + f',{c}\n' for x, c in rows), compress=True)

# 4. Comment lines before the header (a logger's preamble).
lines = ['# exported by sensor-logger 2.1', '# units: temperature in C, humidity in %', 'temperature,humidity,wind,rain']
for _ in range(40):
    t, h, w = rng.uniform(5, 30), rng.uniform(20, 100), rng.uniform(0, 15)
    lines.append(f'{fmt(t)},{fmt(h)},{fmt(w)},{"yes" if h > 70 and t < 20 else "no"}')
write('comment-lines.csv', '\n'.join(lines) + '\n')

# 5. Comment lines between the rows too: only --comment '#' skips those.
body = lines[2:]
for at in (10, 25):
    body.insert(at, '# sensor restarted')
write('comments-inside.csv', '\n'.join(body) + '\n')

# 6. A date column (ISO dates) beside the numbers: not a feature.
lines = ['date,open,high,volume,close']
for day in range(45):
    o = 100 + rng.gauss(0, 5)
    lines.append(f'2024-{1 + day // 28:02d}-{1 + day % 28:02d},{fmt(o)},{fmt(o + abs(rng.gauss(0, 2)))},{rng.randint(1000, 9000)},{fmt(o + rng.gauss(0, 1))}')
write('date-column.csv', '\n'.join(lines) + '\n')

# 7. A free-text column (every note different) and a categorical text column.
words = ['late', 'early', 'quiet', 'busy', 'rainy', 'sunny', 'cold', 'warm', 'long', 'short', 'odd', 'calm']
colours = ['red', 'green', 'blue']
lines = ['colour,size,note,label']
for i in range(60):
    colour = colours[i % 3]
    size = rng.uniform(1, 10)
    note = f'{rng.choice(words)} {rng.choice(words)} visit number {i}'
    lines.append(f'{colour},{fmt(size)},"{note}",{"big" if size + colours.index(colour) > 6 else "small"}')
write('text-columns.csv', '\n'.join(lines) + '\n')

# 8. One sparse column (about 85% empty) among complete ones.
lines = ['a,b,sparse,c,y']
for i in range(80):
    a, b, c = rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)
    sparse = fmt(rng.gauss(0, 1)) if rng.random() < 0.15 else ''
    lines.append(f'{fmt(a)},{fmt(b)},{sparse},{fmt(c)},{1 if a + b > 0 else 0}')
write('sparse-missing.csv', '\n'.join(lines) + '\n')

# 9. The target first and trailing empty fields left out (as some exporters write sparse rows).
lines = ['label,x1,x2,x3,x4']
for i in range(50):
    x = [rng.gauss(0, 1) for _ in range(4)]
    cells = [fmt(v) for v in x]
    keep = 4 if rng.random() < 0.6 else rng.choice([2, 3])
    lines.append(','.join([('pos' if x[0] - x[1] > 0 else 'neg')] + cells[:keep]))
write('short-rows.csv', '\n'.join(lines) + '\n')

# 10. Identifiers: a numeric customer_id and a text order reference, both different in every row.
lines = ['customer_id,order_ref,amount,items,returned']
for i in range(40):
    amount, items = rng.uniform(5, 500), rng.randint(1, 9)
    lines.append(f'{10001 + i * 7},ORD-{rng.randint(100000, 999999)}-{i},{fmt(amount)},{items},{1 if amount / items > 60 else 0}')
write('identifiers.csv', '\n'.join(lines) + '\n')

# 11. Categories with missing cells (empty and NA) and a numeric column with missing cells.
cities = ['Paris', 'Lyon', 'Nice', 'Lille']
lines = ['city,plan,age,spend,churned']
for i in range(60):
    city = rng.choice(cities) if rng.random() > 0.1 else rng.choice(['', 'NA'])
    plan = rng.choice(['basic', 'pro'])
    age = str(rng.randint(18, 70)) if rng.random() > 0.1 else ''
    spend = rng.uniform(10, 200)
    lines.append(f'{city},{plan},{age},{fmt(spend)},{"yes" if (plan == "basic") == (spend < 100) else "no"}')
write('categorical-missing.csv', '\n'.join(lines) + '\n')

# 12. A European export: ';' between fields and ',' as the decimal separator.
lines = ['Länge;Breite;Gewicht;Klasse']
for i in range(40):
    l, b = rng.uniform(1, 5), rng.uniform(1, 5)
    lines.append(f'{fmt(l).replace(".", ",")};{fmt(b).replace(".", ",")};{fmt(l * b * 0.8 + rng.gauss(0, 0.3)).replace(".", ",")};{"A" if l > b else "B"}')
write('semicolon-decimal-comma.csv', '\n'.join(lines) + '\n')

# 13. Names quoted with single quotes, holding the delimiter.
places = ["'Paris, FR'", "'Lyon, FR'", "'Bonn, DE'"]
lines = ['place,rooms,area,price']
for i in range(36):
    rooms, area = rng.randint(1, 6), rng.uniform(20, 150)
    lines.append(f'{places[i % 3]},{rooms},{fmt(area)},{fmt(1000 + 30 * area + 200 * (i % 3) + rng.gauss(0, 50))}')
write('single-quoted.csv', '\n'.join(lines) + '\n')

# 14. An Excel export: UTF-8 byte-order mark, CRLF line ends, quoted header, a trailing delimiter on every line.
lines = ['"Height (cm)","Weight (kg)","Sex",']
for i in range(40):
    sex = rng.choice(['F', 'M'])
    h = rng.gauss(165 if sex == 'F' else 178, 6)
    lines.append(f'{fmt(h)},{fmt(h - 100 + rng.gauss(0, 5))},{sex},')
write('excel-export.csv', '\ufeff' + '\r\n'.join(lines) + '\r\n')
