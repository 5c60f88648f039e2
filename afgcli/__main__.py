from afgcli.cli import main

main()
