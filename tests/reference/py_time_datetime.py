import time
import datetime
from datetime import datetime as dt, timedelta, date
t = time.time()
type(t).__name__, t > 1.6e9
type(time.time_ns()).__name__, time.time_ns() > 1600000000 * 10**9
a = time.perf_counter(); b = time.perf_counter(); b >= a
time.monotonic() > 0, time.process_time() >= 0, type(time.perf_counter_ns()).__name__
time.sleep(0.01)
time.sleep(-1)
g = time.gmtime(0)
g
g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_wday, g.tm_yday
time.gmtime(1700000000)
time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(1700000000))
time.strftime("%a %b %d %j %p %y %%", time.gmtime(86400 * 45))
time.asctime(time.gmtime(1700000000))
type(time.localtime()).__name__
timedelta(days=1, hours=2, minutes=3, seconds=4)
timedelta(seconds=90061)
timedelta(hours=-1)
timedelta(days=-1, seconds=5)
timedelta(microseconds=1500000)
timedelta(weeks=2, milliseconds=5)
timedelta(0)
str(timedelta(days=1, hours=2, minutes=3, seconds=4))
str(timedelta(hours=-1)), str(timedelta(seconds=3.25)), str(timedelta(days=2))
timedelta(days=1, hours=12).total_seconds()
timedelta(hours=1) * 3, timedelta(hours=3) / 2, timedelta(hours=3) / timedelta(minutes=30)
timedelta(days=1) + timedelta(hours=1), timedelta(days=1) - timedelta(days=3), -timedelta(days=1)
timedelta(days=1) == timedelta(hours=24), timedelta(1) < timedelta(2)
td = timedelta(days=3, seconds=7, microseconds=9)
td.days, td.seconds, td.microseconds
d = dt(2024, 2, 28, 13, 5, 9)
d
str(d), d.isoformat(), d.isoformat(sep=' ')
d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond
d + timedelta(days=2)
d - timedelta(hours=14)
dt(2024, 3, 1) - dt(2023, 3, 1)
d.strftime("%Y/%m/%d %H:%M:%S %A %B %j %I %p")
d.weekday(), d.isoweekday(), d.date(), d.replace(year=2020)
dt(2024, 1, 1, 0, 0, 0, 500)
str(dt(2024, 1, 1, 0, 0, 0, 500))
dt(2024, 2, 30)
dt(2024, 13, 1)
dt(2020, 1, 1) < dt(2021, 1, 1), dt(2020, 1, 1) == dt(2020, 1, 1, 0, 0)
dt.strptime("2023-07-04 10:20:30", "%Y-%m-%d %H:%M:%S")
dt.strptime("04/07/23", "%d/%m/%y")
dt.strptime("2023-07-04", "%d/%m/%y")
dt.utcfromtimestamp(0)
dt.utcfromtimestamp(1700000000.5)
x = date(2024, 7, 4)
x, str(x), x.isoformat(), x.weekday(), x.strftime("%d %b %Y")
x + timedelta(days=30), x - date(2024, 1, 1)
date.fromisoformat("2021-05-06"), dt.fromisoformat("2021-05-06T07:08:09")
type(dt.now()).__name__, type(date.today()).__name__, dt.now().year >= 2024
dt(2000, 1, 1).toordinal()
date(2024, 3, 1).toordinal(), date.fromordinal(738000)
dt.min, dt.max, timedelta(days=999999999)
