# Usage errors exit 2 with a hint; --help exits 0.
run $G --help
run $G init --help
run $G list --help
run $G frobnicate
run $G --frobnicate
run $G list
run $G list teachers
run $G list schools --format xml
run $G list schools --db
run $G show letter abc
run $G show lettr 1
run $G check extra
run $G --demo list schools
