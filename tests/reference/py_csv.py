import csv
import io
import os
import shutil
base = "/tmp/tensh_ref_csv"
shutil.rmtree(base, ignore_errors=True)
os.makedirs(base)
os.chdir(base)
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
print(list(csv.reader(["a,b,c", "1,2,3"])))
print(list(csv.reader(['x,"y,z",w', '"he said ""hi""",2'])))
print(list(csv.reader(["a;b;c"], delimiter=";")))
print(list(csv.reader(["a, b,  c"], skipinitialspace=True)))
print(list(csv.reader(["a, b"])))
print(list(csv.reader(["'a,b',c"], quotechar="'")))
print(list(csv.reader(["1,2.5,'x'"], quoting=csv.QUOTE_NONNUMERIC, quotechar="'")))
print(list(csv.reader(["a,b", "", "c"])))
print(list(csv.reader(['a,"multi\n', 'line",b'])))
print(list(csv.reader(['a,"b,c'])))
print(list(csv.reader(["a\tb"], delimiter="\t")))
print(list(csv.reader([",,", ""])))
with open("out.csv", "w", newline="") as f:
    w = csv.writer(f)
    print(w.writerow(["name", "value", "note"]))
    w.writerow(["a", 1, "plain"])
    w.writerow(["b", 2.5, "has,comma"])
    w.writerow(["c", None, 'has "quote"'])
    w.writerow(["d", True, "multi\nline"])
    w.writerows([[1, 2, 3], ["x", "", " y"]])
print(repr(open("out.csv", newline="").read()))
with open("out.csv", newline="") as f:
    r = csv.reader(f)
    for row in r:
        print(row, r.line_num)
s = io.StringIO()
w = csv.writer(s, quoting=csv.QUOTE_ALL)
w.writerow(["a", 1, 2.0])
print(repr(s.getvalue()))
s = io.StringIO()
w = csv.writer(s, quoting=csv.QUOTE_NONNUMERIC)
w.writerow(["a", 1, 2.0, None])
print(repr(s.getvalue()))
s = io.StringIO()
csv.writer(s, delimiter="|", lineterminator="\n").writerow(["a|b", "c"])
print(repr(s.getvalue()))
s = io.StringIO()
csv.writer(s).writerow([""])
csv.writer(s).writerow([])
csv.writer(s).writerow("abc")
print(repr(s.getvalue()))
with open("people.csv", "w", newline="") as f:
    dw = csv.DictWriter(f, fieldnames=["name", "age", "city"])
    dw.writeheader()
    dw.writerow({"name": "Ann", "age": 31, "city": "Oslo"})
    dw.writerow({"name": "Bob", "age": 25})
    dw.writerows([{"name": "Cy", "city": "Rome", "age": 40}])
print(open("people.csv", newline="").read().splitlines())
with open("people.csv", newline="") as f:
    dr = csv.DictReader(f)
    print(dr.fieldnames)
    for row in dr:
        print(row)
with open("people.csv", newline="") as f:
    rows = list(csv.DictReader(f))
print(len(rows), rows[0]["name"], [r["age"] for r in rows])
print(list(csv.DictReader(["a,b", "1,2,3", "4"])))
print(list(csv.DictReader(["a,b", "1,2,3", "4"], restkey="extra", restval="?")))
print(list(csv.DictReader(["1,2", "", "3,4"], fieldnames=["x", "y"])))
try:
    csv.DictWriter(io.StringIO(), fieldnames=["a"]).writerow({"a": 1, "b": 2})
except ValueError as e:
    print(e)
s = io.StringIO()
csv.DictWriter(s, fieldnames=["a"], extrasaction="ignore").writerow({"a": 1, "b": 2})
print(repr(s.getvalue()))
try:
    list(csv.reader(["1,x"], quoting=csv.QUOTE_NONNUMERIC))
except ValueError as e:
    print(e)
try:
    csv.writer(io.StringIO()).writerow(5)
except csv.Error as e:
    print(type(e).__name__, e)
data = "id,score\n1,0.5\n2,0.75\n"
rows = list(csv.reader(io.StringIO(data)))
print(rows, sum(float(r[1]) for r in rows[1:]))
with open("out.csv", newline="") as f:
    header = next(csv.reader(f))
print(header)
os.chdir("/tmp")
shutil.rmtree(base)
