from afgcli.entry import main

main()
