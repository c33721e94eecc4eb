def first = new File(basedir, 'first.tar')
def second = new File(basedir, 'second.tar')
assert first.length() > 0
assert first.bytes == second.bytes : 'two clean builds with separate caches must give byte-identical tars'
