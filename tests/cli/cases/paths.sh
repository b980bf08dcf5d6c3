# Issue 16: paths in the settings and on the command line are data. A leading "~" is the home
# folder (the one expansion a shell would make: also when quoted, after --db=, in $GENOMLYS_DB,
# in the settings file and in paths typed in the interface); "$HOME", "*", "$(...)", backquotes
# and "~user" are characters of a file name, and no command in them is run.
mkdir home
export HOME=$PWD/home
run $G init --db '~/tilde.db'
run $G init --db=~/eq.db
GENOMLYS_DB='~/env.db' run $G init
ls home
touch a1.db
run $G init --db 'a*.db'
mkdir '$HOME'
run $G init --db '$HOME/dollar.db'
run $G init --db '$(touch pwned).db'
run $G init --db '`touch pwned2`.db'
run $G init --db '~nobody/x.db'
ls -A . | grep -v -e '^home$' -e '^actual$'
ls '$HOME'
# outputs: a leading ~ only
run $G codebook export --db '~/tilde.db' --output '~/codes.csv'
run $G codebook export --db '~/tilde.db' --output '$HOME/codes.csv'
ls home '$HOME'
# the settings file and a theme path in it; a path typed in the interface
cp "$FIXTURES/../themes/projector.ini" home/mitt.ini
printf '[general]\ntheme = ~/mitt.ini\n' > home/ok.ini
printf '[general]\ntheme = $HOME/mitt.ini\n' > home/dollar.ini
printf ':save-display ~/screen.txt\n:save-display $HOME/screen.txt\n' > s.script
for conf in '~/ok.ini' '~/dollar.ini'; do
	rm -f home/screen.txt
	env XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=$PWD/state GENOMLYS_HEADLESS=1 \
		GENOMLYS_SIZE=120x20 GENOMLYS_SCRIPT=s.script $G --db '~/tilde.db' --config "$conf"
	echo "[exit $?] --config $conf:"
	tail -1 home/screen.txt | sed 's/  \+[0-9/]*$//; s/ *$//'
done
ls home '$HOME'
