module example.com/lookups

go 1.19
