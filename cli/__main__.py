from yakugo.cli.main import main

main()
